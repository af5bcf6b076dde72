package dmtbs.group.msg;

import dmtbs.booking.Request;
import org.jgroups.Address;

/**
 * A front end asks the sequencer to order {@code request}. {@code lowWater} is the front end's
 * smallest counter still awaiting an answer: counters below it will never be resent, so duplicate
 * filters may forget them. A member may instead order a {@code control} (request null): a replica
 * manager's {@link Checkpoint}, at which every replica reports its digest and sends its whole state
 * to the replica named in it (state transfer for a replacement; null: digests only), or an
 * operator's {@link DateChange}.
 * {@code client} is the calling client's own identity for the call, if it sent one: {@code id} is
 * the front end's (a retry through another front end, or a restarted one, has a new {@code id} and
 * the same {@code client}).
 */
public record ClientRequest(RequestId id, long lowWater, Address replyTo, Request request, Control control,
                            ClientKey client) {

    public ClientRequest(RequestId id, long lowWater, Address replyTo, Request request) {
        this(id, lowWater, replyTo, request, null, null);
    }

    public ClientRequest(RequestId id, long lowWater, Address replyTo, Request request, Control control) {
        this(id, lowWater, replyTo, request, control, null);
    }

    public Checkpoint checkpoint() { return control instanceof Checkpoint c ? c : null; }

    public DateChange dateChange() { return control instanceof DateChange d ? d : null; }
}
