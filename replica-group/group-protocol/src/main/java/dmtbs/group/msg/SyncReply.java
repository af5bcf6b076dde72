package dmtbs.group.msg;

import java.util.List;

/**
 * A member's answer to {@link SyncRequest}: the highest sequence number it delivered in order, the
 * business day of that request (after a restart of the whole service, the new sequencer's only way to
 * learn how far a pinned date had moved: the date never goes back), and under which epochs its recent
 * deliveries were ordered ({@code lineage}, oldest first; empty when unknown), so the new sequencer
 * can tell an order it must continue from one a deposed sequencer gave behind a cut.
 */
public record SyncReply(long epoch, long highestDelivered, long businessDay, List<EpochStart> lineage) {

    public SyncReply(long epoch, long highestDelivered, long businessDay) { this(epoch, highestDelivered, businessDay, List.of()); }
}
