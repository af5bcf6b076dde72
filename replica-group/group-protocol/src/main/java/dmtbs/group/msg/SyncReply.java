package dmtbs.group.msg;

/**
 * A member's answer to {@link SyncRequest}: the highest sequence number it delivered in order, and
 * the business day of that request (after a restart of the whole service, the new sequencer's only
 * way to learn how far a pinned date had moved: the date never goes back).
 */
public record SyncReply(long epoch, long highestDelivered, long businessDay) {}
