package dmtbs.group.msg;

/** A member's answer to {@link SyncRequest}: the highest sequence number it delivered in order. */
public record SyncReply(long epoch, long highestDelivered) {}
