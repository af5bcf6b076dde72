package dmtbs.group.msg;

/** A member missing ordered requests asks a peer for sequence numbers fromSeq..toSeq (inclusive). */
public record FetchRequest(long fromSeq, long toSeq) {}
