package dmtbs.group.msg;

import java.util.List;

/** Results a replica sends to one front end after applying a run of ordered requests. */
public record ResultBatch(String replica, String implementation, List<ReplicaResult> results) {}
