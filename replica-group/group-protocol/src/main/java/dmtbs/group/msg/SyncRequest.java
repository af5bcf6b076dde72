package dmtbs.group.msg;

/** A new sequencer asks every member how far it has delivered, before ordering anything. */
public record SyncRequest(long epoch) {}
