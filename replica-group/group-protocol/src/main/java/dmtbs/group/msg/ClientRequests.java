package dmtbs.group.msg;

import java.util.List;

/** Requests a front end sends to the sequencer in one message (natural batching). */
public record ClientRequests(List<ClientRequest> requests) {}
