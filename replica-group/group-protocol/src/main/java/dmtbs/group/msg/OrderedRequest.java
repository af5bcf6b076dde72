package dmtbs.group.msg;

import dmtbs.booking.Request;
import org.jgroups.Address;

import java.time.LocalDate;

/** A request (or a checkpoint) with its place in the total order and the business date it was stamped with. */
public record OrderedRequest(long seq, long epochDay, RequestId id, long lowWater, Address replyTo, Request request,
                             Checkpoint checkpoint) {

    public OrderedRequest(long seq, long epochDay, RequestId id, long lowWater, Address replyTo, Request request) {
        this(seq, epochDay, id, lowWater, replyTo, request, null);
    }

    public LocalDate businessDate() { return LocalDate.ofEpochDay(epochDay); }
}
