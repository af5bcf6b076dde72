package dmtbs.catalog;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.BookingState;
import dmtbs.booking.Request;
import dmtbs.booking.Result;

import java.time.LocalDate;

/** A planted bug for testing the testers: a successful booking of 3 seats is reported as 4. */
final class OffByOneBooking implements BookingMachine {
    private final BookingMachine inner = Implementations.create("sorted-index");

    @Override public String name() { return "off-by-one"; }

    @Override public Result apply(Request request, LocalDate businessDate) {
        Result r = inner.apply(request, businessDate);
        if (request instanceof Request.BookMovieTickets b && b.tickets() == 3 && r instanceof Result.Done d) {
            return new Result.Done(d.text().substring(0, d.text().length() - 1) + "4");
        }
        return r;
    }

    @Override public BookingState exportState() { return inner.exportState(); }

    @Override public void importState(BookingState state) { inner.importState(state); }
}
