package dmtbs.group.msg;

import dmtbs.booking.Request;
import org.jgroups.Address;

import java.time.LocalDate;

/**
 * A request (or a {@link Control}: a checkpoint, a date change) with its place in the total order
 * and the business date it was stamped with, and the client's own identity for it if it sent one
 * (see {@link ClientRequest}).
 */
public record OrderedRequest(long seq, long epochDay, RequestId id, long lowWater, Address replyTo, Request request,
                             Control control, ClientKey client) {

    public OrderedRequest(long seq, long epochDay, RequestId id, long lowWater, Address replyTo, Request request) {
        this(seq, epochDay, id, lowWater, replyTo, request, null, null);
    }

    public OrderedRequest(long seq, long epochDay, RequestId id, long lowWater, Address replyTo, Request request,
                          Control control) {
        this(seq, epochDay, id, lowWater, replyTo, request, control, null);
    }

    public LocalDate businessDate() { return LocalDate.ofEpochDay(epochDay); }

    public Checkpoint checkpoint() { return control instanceof Checkpoint c ? c : null; }

    public DateChange dateChange() { return control instanceof DateChange d ? d : null; }
}
