package dmtbs.group.msg;

import dmtbs.booking.Result;

/** One replica's result for one ordered request. */
public record ReplicaResult(long seq, RequestId id, Result result) {}
