package dmtbs.group.msg;

/** From {@code firstSeq} on (up to the next start), a member's order was given under {@code epoch}. */
public record EpochStart(long epoch, long firstSeq) {}
