package dmtbs.group.node;

import dmtbs.group.msg.OrderedRequest;
import org.jgroups.Address;
import org.jgroups.View;

import java.util.List;

/** What a process does with the group: replicas apply the order, the front end collects results, … */
public interface Role {

    /**
     * Requests in sequence order, each exactly once. Called under the node's lock on the delivering
     * JGroups thread: do the work here (a replica applies here), but never wait for another message.
     */
    default void delivered(List<OrderedRequest> inOrder) {}

    /** A message that is not part of the ordering protocol. Called on a JGroups thread: never block. */
    default void received(Address from, Object message) {}

    default void viewChanged(View view) {}

    /** Every 50 ms, under the node's lock, between two deliveries: housekeeping (a replica flushes its log). */
    default void tick() {}

    /** The node is closing (an orderly stop): under the node's lock, after the last delivery. */
    default void closing() {}

    /**
     * This member applied an order from {@code fromSeq} on that the group never had (a deposed
     * sequencer gave it behind a cut); it delivers nothing more. Under the node's lock.
     */
    default void diverged(long fromSeq) {}

    /** True for roles that apply every request (replicas): they may never skip a gap. */
    default boolean needsEveryRequest() { return false; }

    /**
     * True when every callback returns within a millisecond or so and never waits (sending is fine:
     * messages on the request path skip flow control). Such a role's messages are handled on the
     * thread that read them from the socket, one thread hand-off fewer per message. False for a role
     * that does long work on delivery (a replica applies, hashes and exports its state there).
     */
    default boolean handlesMessagesQuickly() { return true; }
}
