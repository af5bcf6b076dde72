package dmtbs.group.msg;

import java.util.List;

/**
 * What a peer still holds of a fetched range (maybe a prefix, maybe nothing); {@code oldestHeld}
 * tells the asker that anything older can only come by state transfer.
 */
public record FetchReply(List<OrderedRequest> requests, long oldestHeld) {}
