package dmtbs.group.msg;

import dmtbs.booking.Request;
import org.jgroups.Address;

import java.time.LocalDate;

/**
 * A request (or a checkpoint) with its place in the total order and the business date it was stamped
 * with, and the client's own identity for it if it sent one (see {@link ClientRequest}).
 */
public record OrderedRequest(long seq, long epochDay, RequestId id, long lowWater, Address replyTo, Request request,
                             Checkpoint checkpoint, ClientKey client) {

    public OrderedRequest(long seq, long epochDay, RequestId id, long lowWater, Address replyTo, Request request) {
        this(seq, epochDay, id, lowWater, replyTo, request, null, null);
    }

    public OrderedRequest(long seq, long epochDay, RequestId id, long lowWater, Address replyTo, Request request,
                          Checkpoint checkpoint) {
        this(seq, epochDay, id, lowWater, replyTo, request, checkpoint, null);
    }

    public LocalDate businessDate() { return LocalDate.ofEpochDay(epochDay); }
}
