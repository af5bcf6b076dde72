package dmtbs.group.msg;

import dmtbs.booking.Request;
import org.jgroups.Address;

/**
 * A front end asks the sequencer to order {@code request}. {@code lowWater} is the front end's
 * smallest counter still awaiting an answer: counters below it will never be resent, so duplicate
 * filters may forget them. A replica manager may instead order a {@code checkpoint} (request null):
 * at that point of the order every replica reports its digest, and sends its whole state to the
 * replica named in the checkpoint (state transfer for a replacement; null: digests only).
 * {@code client} is the calling client's own identity for the call, if it sent one: {@code id} is
 * the front end's (a retry through another front end, or a restarted one, has a new {@code id} and
 * the same {@code client}).
 */
public record ClientRequest(RequestId id, long lowWater, Address replyTo, Request request, Checkpoint checkpoint,
                            ClientKey client) {

    public ClientRequest(RequestId id, long lowWater, Address replyTo, Request request) {
        this(id, lowWater, replyTo, request, null, null);
    }

    public ClientRequest(RequestId id, long lowWater, Address replyTo, Request request, Checkpoint checkpoint) {
        this(id, lowWater, replyTo, request, checkpoint, null);
    }
}
