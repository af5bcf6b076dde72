package dmtbs.catalog;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.Request;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bad input is a BAD_REQUEST result in every implementation, never an exception. */
class MalformedInputTest {

    private static final List<Request> BAD = List.of(
            new Request.AddMovieSlots(null, "ATWM261126", "Avatar", 5),
            new Request.AddMovieSlots("ATWA0001", null, "Avatar", 5),
            new Request.AddMovieSlots("ATWA0001", "ATWM261126", null, 5),
            new Request.AddMovieSlots("ATWA0001", "ATWM261126", "Avatar", Integer.MIN_VALUE),
            new Request.AddMovieSlots("ATWA0001", "ATWM261126", "Avatar", Integer.MAX_VALUE),
            new Request.RemoveMovieSlots("ATWA0001", "ATWM2611260", "Avatar"),
            new Request.ListMovieShowsAvailability("ATWA0001", null),
            new Request.BookMovieTickets("ATWC0001", null, "ATWM261126", "Avatar", 1),
            new Request.BookMovieTickets("ATWC0001", "ATWC0001", "ATWM261126", "Avatar", Integer.MAX_VALUE),
            new Request.GetBookingSchedule(null, null),
            new Request.CancelMovieTickets("ATWC0001", "ATWC0001", "", "Avatar", 1),
            new Request.ExchangeTickets("ATWC0001", "ATWC0001", "ATWM261126", "Avatar", null, null, 1),
            new Request.ExchangeTickets("ATWC0001", "ATWC0001", "ATWM000000", "Avatar", "ATWM261126", "Avatar", 1));

    @TestFactory
    Stream<DynamicTest> malformedRequestsAreRefusedNotThrown() {
        return Implementations.NAMES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            BookingMachine m = Implementations.create(name);
            for (Request r : BAD) {
                assertEquals("REFUSED BAD_REQUEST", m.apply(r, LocalDate.of(2026, 11, 26)).canonical(), r.toString());
            }
        }));
    }
}
