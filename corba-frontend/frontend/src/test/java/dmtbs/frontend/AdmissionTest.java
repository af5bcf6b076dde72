package dmtbs.frontend;

import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.corba.DMTBS.Refused;
import dmtbs.corba.DMTBS.Unavailable;
import dmtbs.group.node.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdmissionTest {

    @Test
    void placesAreTakenUpToTheBoundAndFreedOnLeaving() {
        Admission a = new Admission(2);
        assertTrue(a.tryEnter());
        assertTrue(a.tryEnter());
        assertFalse(a.tryEnter(), "a third call while two are in flight");
        a.leave();
        assertTrue(a.tryEnter(), "a place freed is taken again");
        Json j = new Json();
        a.status(j);
        assertEquals("{\"inFlight\":2,\"inFlightLimit\":2,\"inFlightPeak\":2,\"overloaded\":1}", j.toString());
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Admission(0));
    }

    /**
     * The servant with a backend that never answers: the first two calls wait for it, the third is
     * answered Unavailable("overloaded …") at once, and a call refused by the precheck needs no place.
     */
    @Test
    void theServantTurnsTheExcessAwayAtOnceAndKeepsNoState() throws Exception {
        List<CompletableFuture<Result>> held = new CopyOnWriteArrayList<>();
        Backend never = (request, client) -> {
            CompletableFuture<Result> f = new CompletableFuture<>();
            held.add(f);
            return f;
        };
        Admission admission = new Admission(2);
        FrontEndMetrics metrics = new FrontEndMetrics("FrontEnd", admission::turnedAway);
        BookingServant servant = new BookingServant(never, 60_000, admission, () -> null, metrics);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> waiting = new ArrayList<>();
            for (int i = 0; i < 2; i++) waiting.add(callers.submit(() -> servant.bookMovieTickets("ATWC0001", "ATWC0001", "ATWM261126", "Avatar", 1)));
            awaitSize(held, 2);
            Unavailable u = assertThrows(Unavailable.class, () -> servant.bookMovieTickets("ATWC0002", "ATWC0002", "ATWM261126", "Avatar", 1));
            assertTrue(u.reason.startsWith("overloaded"), u.reason);
            Refused r = assertThrows(Refused.class, () -> servant.bookMovieTickets("nobody", "nobody", "x", "y", 1));
            assertEquals("BAD_REQUEST", r.code);
            assertEquals(2, held.size(), "neither turned-away call reached the backend");
            held.forEach(f -> f.complete(new Result.Done("BOOKED")));
            for (Future<String> w : waiting) assertEquals("BOOKED", w.get(10, TimeUnit.SECONDS));
            Future<String> again = callers.submit(() -> servant.bookMovieTickets("ATWC0002", "ATWC0002", "ATWM261126", "Avatar", 1));
            awaitSize(held, 3);                                   // let through: the places were freed
            held.get(2).complete(new Result.Done("BOOKED AGAIN"));
            assertEquals("BOOKED AGAIN", again.get(10, TimeUnit.SECONDS));
            // Every call is counted by its outcome, and the one turned away is counted as such.
            String text = metrics.scrape();
            assertTrue(text.contains("dmtbs_frontend_requests_total{member=\"FrontEnd\",operation=\"bookMovieTickets\",outcome=\"OK\"} 3.0"), text);
            assertTrue(text.contains("dmtbs_frontend_requests_total{member=\"FrontEnd\",operation=\"bookMovieTickets\",outcome=\"REFUSED\"} 1.0"), text);
            assertTrue(text.contains("dmtbs_frontend_requests_total{member=\"FrontEnd\",operation=\"bookMovieTickets\",outcome=\"UNAVAILABLE\"} 1.0"), text);
            assertTrue(text.contains("dmtbs_frontend_overloaded_total{member=\"FrontEnd\"} 1.0"), text);
            assertTrue(text.contains("dmtbs_frontend_request_duration_seconds_count{member=\"FrontEnd\",operation=\"bookMovieTickets\"} 5"), text);
        } finally {
            callers.shutdownNow();
        }
    }

    private static void awaitSize(List<?> list, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (list.size() < n) {
            if (System.nanoTime() > deadline) throw new AssertionError("only " + list.size() + " calls reached the backend, expected " + n);
            Thread.sleep(1);
        }
    }
}
