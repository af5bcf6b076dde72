package dmtbs.catalog;

import dmtbs.booking.Request;
import dmtbs.booking.RequestText;

import java.time.LocalDate;

/** One ordered request with the business date it was stamped with. */
public record Step(LocalDate date, Request request) {
    @Override public String toString() {
        return date + " " + request.requester() + " " + RequestText.format(request);
    }
}
