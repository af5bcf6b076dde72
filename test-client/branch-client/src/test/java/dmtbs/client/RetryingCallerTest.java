package dmtbs.client;

import dmtbs.booking.Request;
import dmtbs.corba.DMTBS.Refused;
import dmtbs.corba.DMTBS.Unavailable;
import dmtbs.corba.DMTBS._BookingServiceStub;
import org.junit.jupiter.api.Test;
import org.omg.CORBA.BAD_PARAM;
import org.omg.CORBA.COMM_FAILURE;
import org.omg.CORBA.TRANSIENT;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryingCallerTest {

    private static final Request BOOK = new Request.BookMovieTickets("ATWC0001", "ATWC0001", "ATWM261126", "Avatar", 1);

    /** A front end that fails its first attempts as scripted, then books; it notes each attempt's identity. */
    private static final class ScriptedFrontEnd extends _BookingServiceStub {
        final Deque<Exception> failures;
        final List<RequestIdentity> seen = new CopyOnWriteArrayList<>();

        ScriptedFrontEnd(Exception... failures) { this.failures = new ArrayDeque<>(Arrays.asList(failures)); }

        @Override
        public String bookMovieTickets(String userID, String customerID, String movieID, String movieName, int tickets)
                throws Refused, Unavailable {
            seen.add(RequestIdentity.current());
            Exception next = failures.poll();
            if (next instanceof Refused r) throw r;
            if (next instanceof Unavailable u) throw u;
            if (next instanceof RuntimeException e) throw e;
            return "BOOKED";
        }

        RequestIdentity onlyIdentity() {
            RequestIdentity first = seen.get(0);
            assertNotNull(first);
            seen.forEach(i -> assertSame(first, i, "every attempt under the first one's identity"));
            return first;
        }
    }

    @Test
    void aLostConnectionIsRetriedUnderTheSameIdentity() {
        ScriptedFrontEnd fe = new ScriptedFrontEnd(new COMM_FAILURE("connection reset"), new TRANSIENT("restarting"));
        RetryingCaller caller = new RetryingCaller(Duration.ofSeconds(10));
        Call call = caller.call(fe, BOOK);
        assertEquals("OK BOOKED", call.text());
        assertEquals(3, fe.seen.size());
        assertEquals(caller.clientId(), fe.onlyIdentity().client());
        assertEquals(2, caller.retries());
        assertNull(RequestIdentity.current(), "the identity is cleared after the call");
    }

    @Test
    void aRetryGoesToTheOtherFrontEndUnderTheSameIdentityAndLaterCallsStayThere() {
        ScriptedFrontEnd gone = new ScriptedFrontEnd(new COMM_FAILURE("host unreachable"), new COMM_FAILURE("host unreachable"));
        ScriptedFrontEnd other = new ScriptedFrontEnd();
        RetryingCaller caller = new RetryingCaller(Duration.ofSeconds(10));
        assertEquals("OK BOOKED", caller.call(List.of(gone, other), BOOK).text());
        assertEquals(1, gone.seen.size());
        assertEquals(1, other.seen.size());
        assertSame(gone.seen.get(0), other.seen.get(0), "the retry at the other front end has the first attempt's identity");
        assertEquals(1, caller.switches());
        assertEquals(1, caller.retries());
        assertEquals("OK BOOKED", caller.call(List.of(gone, other), BOOK).text());
        assertEquals(1, gone.seen.size(), "the next call goes where the last one was answered");
        assertEquals(2, other.seen.size());
        ScriptedFrontEnd back = new ScriptedFrontEnd(new TRANSIENT("down"));
        assertEquals("OK BOOKED", caller.call(List.of(gone, back), BOOK).text());
        // back fails, gone fails its second time, back answers: round the list
        assertEquals(2, gone.seen.size());
        assertEquals(2, back.seen.size());
        assertEquals(3, caller.switches());
    }

    @Test
    void unavailableIsAskedAgainWhereItCameFrom() {
        ScriptedFrontEnd busy = new ScriptedFrontEnd(new Unavailable("overloaded: 128 calls in flight, try again shortly"));
        ScriptedFrontEnd other = new ScriptedFrontEnd();
        RetryingCaller caller = new RetryingCaller(Duration.ofSeconds(10));
        assertEquals("OK BOOKED", caller.call(List.of(busy, other), BOOK).text());
        assertEquals(2, busy.seen.size(), "an answer, even Unavailable, shows the front end is up");
        assertEquals(0, other.seen.size());
        assertEquals(0, caller.switches());
    }

    @Test
    void anOverloadedFrontEndIsAskedAgain() {
        ScriptedFrontEnd fe = new ScriptedFrontEnd(new Unavailable("overloaded: 128 calls in flight, try again shortly"));
        RetryingCaller caller = new RetryingCaller(Duration.ofSeconds(10));
        assertEquals("OK BOOKED", caller.call(fe, BOOK).text());
        fe.onlyIdentity();
        assertEquals(1, caller.retries());
    }

    @Test
    void otherErrorsAndRefusalsAreAnswersNotRetried() {
        RetryingCaller caller = new RetryingCaller(Duration.ofSeconds(10));
        ScriptedFrontEnd badParam = new ScriptedFrontEnd(new BAD_PARAM("malformed FT_REQUEST service context: x"));
        assertEquals("BAD_PARAM", caller.call(badParam, BOOK).systemException());
        ScriptedFrontEnd refusing = new ScriptedFrontEnd(new Refused("NO_SEATS", ""));
        assertEquals("REFUSED NO_SEATS", caller.call(refusing, BOOK).text());
        assertEquals(1, badParam.seen.size());
        assertEquals(1, refusing.seen.size());
        assertEquals(0, caller.retries());
    }

    @Test
    void retryingStopsWhenTheBudgetIsSpent() {
        Exception[] forever = new Exception[100];
        Arrays.fill(forever, new TRANSIENT("down"));
        ScriptedFrontEnd fe = new ScriptedFrontEnd(forever);
        RetryingCaller caller = new RetryingCaller(Duration.ofMillis(500));
        long start = System.nanoTime();
        Call call = caller.call(fe, BOOK);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals("TRANSIENT", call.systemException());
        assertTrue(tookMillis < 2_000, "gave up after " + tookMillis + " ms");
        // pauses of 100 and 200 ms fit in 500 ms (unless a pause overslept), a further 400 ms does not
        assertTrue(fe.seen.size() == 2 || fe.seen.size() == 3, fe.seen.size() + " attempts");
        assertEquals(fe.seen.size() - 1, caller.retries());
    }

    @Test
    void callsHaveIncreasingRetentionIdsAndEachThreadIsAClientOfItsOwn() throws Exception {
        RetryingCaller caller = new RetryingCaller(Duration.ofSeconds(10));
        ScriptedFrontEnd fe = new ScriptedFrontEnd();
        caller.call(fe, BOOK);
        caller.call(fe, BOOK);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            other.submit(() -> caller.call(fe, BOOK)).get(10, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
        RequestIdentity first = fe.seen.get(0), second = fe.seen.get(1), otherThread = fe.seen.get(2);
        assertEquals(first.client(), second.client());
        assertTrue(second.retention() > first.retention());
        assertNotEquals(first.client(), otherThread.client());
        String prefix = first.client().substring(0, first.client().indexOf('.'));
        assertTrue(otherThread.client().startsWith(prefix + "."), "one prefix per caller: " + otherThread.client());
        assertTrue(first.client().matches("[A-Za-z0-9_-]{22}\\.\\d+"), first.client());
    }

    @Test
    void timeTCountsHundredsOfNanosecondsFromTheGregorianReform() {
        assertEquals(0, RequestIdentity.timeT(Instant.parse("1582-10-15T00:00:00Z")));
        assertEquals(122_192_928_000_000_000L, RequestIdentity.timeT(Instant.EPOCH));   // as in UUIDs (RFC 4122)
        assertEquals(122_192_928_000_000_001L, RequestIdentity.timeT(Instant.EPOCH.plusNanos(199)));
    }
}
