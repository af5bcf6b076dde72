package dmtbs.group.msg;

/** The sequencer's periodic "I am here, and I have ordered up to lastSeq" (lets members see a lost tail). */
public record Heartbeat(long epoch, long lastSeq, long epochDay) {}
