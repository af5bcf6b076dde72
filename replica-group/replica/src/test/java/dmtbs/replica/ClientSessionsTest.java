package dmtbs.replica;

import dmtbs.booking.RefusalCode;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.group.msg.ClientKey;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClientSessionsTest {

    private static final Request BOOK = new Request.BookMovieTickets("ATWC0001", "ATWC0001", "ATWM261126", "Avatar", 1);
    private static final Request LIST = new Request.ListMovieShowsAvailability("ATWA0001", "Avatar");
    private static final Result BOOKED = new Result.Done("BOOKED ATWC0001 ATWM261126 Avatar 1");

    @Test
    void aRetryGetsTheFirstAnswerAndALaterCallIsNew() {
        ClientSessions s = new ClientSessions();
        assertNull(s.answered(new ClientKey("c", 1)));
        s.record(new ClientKey("c", 1), BOOK, BOOKED);
        assertEquals(BOOKED, s.answered(new ClientKey("c", 1)));
        assertNull(s.answered(new ClientKey("c", 2)), "the client's next call");
        assertNull(s.answered(new ClientKey("d", 1)), "another client");
        assertNull(s.answered(null), "no identity: always applied");
    }

    @Test
    void aLateCopyOfAnOlderCallIsRefusedNotApplied() {
        ClientSessions s = new ClientSessions();
        s.record(new ClientKey("c", 5), BOOK, BOOKED);
        Result late = s.answered(new ClientKey("c", 4));
        assertEquals(RefusalCode.BAD_REQUEST, ((Result.Refused) late).code());
    }

    @Test
    void queriesAndUnusableIdentitiesAreNotKept() {
        ClientSessions s = new ClientSessions();
        s.record(new ClientKey("c", 1), LIST, new Result.Shows(java.util.List.of()));
        s.record(new ClientKey("tab\there", 1), BOOK, BOOKED);
        s.record(new ClientKey("x".repeat(ClientKey.MAX_CLIENT_LENGTH + 1), 1), BOOK, BOOKED);
        assertEquals(0, s.size());
        assertNull(s.answered(new ClientKey("tab\there", 1)));
    }

    @Test
    void whenFullTheClientIdleLongestIsForgotten() {
        ClientSessions s = new ClientSessions(2);
        s.record(new ClientKey("a", 1), BOOK, BOOKED);
        s.record(new ClientKey("b", 1), BOOK, BOOKED);
        s.record(new ClientKey("a", 2), BOOK, BOOKED);     // a called again: b is now the idlest
        s.record(new ClientKey("c", 1), BOOK, BOOKED);
        assertEquals(2, s.size());
        assertNull(s.answered(new ClientKey("b", 1)));
        assertEquals(BOOKED, s.answered(new ClientKey("a", 2)));
    }

    @Test
    void theTextRoundTripsAndTheDigestCoversTheAnswers() {
        ClientSessions s = new ClientSessions();
        s.record(new ClientKey("a", 3), BOOK, BOOKED);
        s.record(new ClientKey("b", 9), BOOK, new Result.Refused(RefusalCode.NOT_ENOUGH_SEATS, "only 0 left"));
        ClientSessions back = ClientSessions.parse(s.text());
        assertEquals(s.text(), back.text());
        assertEquals(BOOKED, back.answered(new ClientKey("a", 3)));
        assertEquals("REFUSED NOT_ENOUGH_SEATS", back.answered(new ClientKey("b", 9)).canonical());

        assertEquals("abc", ClientSessions.digest("abc", ""), "no sessions: the state's digest as every implementation computes it");
        ClientSessions other = new ClientSessions();
        other.record(new ClientKey("a", 3), BOOK, new Result.Refused(RefusalCode.NOT_ENOUGH_SEATS, "x"));
        other.record(new ClientKey("b", 9), BOOK, new Result.Refused(RefusalCode.NOT_ENOUGH_SEATS, "x"));
        assertNotEquals(ClientSessions.digest("abc", s.text()), ClientSessions.digest("abc", other.text()));
        assertThrows(IllegalArgumentException.class, () -> ClientSessions.parse("a\t1\tSHOWS []\n"));
    }
}
