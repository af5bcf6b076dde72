package dmtbs.group.msg;

import java.util.List;

/**
 * What a peer still holds of a fetched range (maybe a prefix, maybe nothing); {@code oldestHeld}
 * tells the asker that anything older can only come by state transfer. {@code epochs}: the epoch each
 * request was ordered under (-1 unknown; empty: all unknown).
 */
public record FetchReply(List<OrderedRequest> requests, long oldestHeld, List<Long> epochs) {

    public FetchReply(List<OrderedRequest> requests, long oldestHeld) { this(requests, oldestHeld, List.of()); }
}
