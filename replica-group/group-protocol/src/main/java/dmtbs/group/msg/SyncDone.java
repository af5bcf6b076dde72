package dmtbs.group.msg;

/**
 * The new sequencer of {@code epoch} has settled the order: a member drops what it delivered from
 * {@code staleFrom} on (an order a deposed sequencer gave that the group never had; Long.MAX_VALUE:
 * nothing), and only then takes the new sequencer's batches.
 */
public record SyncDone(long epoch, long staleFrom) {}
