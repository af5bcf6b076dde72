package dmtbs.replica;

import dmtbs.booking.RefusalCode;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.group.msg.ClientKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestLogTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 26);
    private static final Request BOOK = new Request.BookMovieTickets("ATWC0001", "ATWC0001", "ATWM261126", "Avatar", 2);

    @Test
    void linesReachTheFileOnFlushWithTheFieldsOfSpecSection7(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs").resolve("R1-requests.log");
        try (RequestLog log = new RequestLog(file)) {
            log.write(1, DAY, new ClientKey("c1", 7), BOOK, new Result.Done("booked 2"), true);
            log.write(2, DAY, null, BOOK, new Result.Refused(RefusalCode.NO_SUCH_SHOW, "no such show"), true);
            // Buffered: a write per delivered run cost a fifth of a replica's CPU.
            assertEquals(List.of(), Files.readAllLines(file));
            log.flush();
            List<String> lines = Files.readAllLines(file);
            assertEquals(2, lines.size(), lines.toString());
            String[] first = lines.get(0).split("\t");
            assertEquals(9, first.length, lines.get(0));
            assertTrue(first[0].matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), first[0]);
            assertEquals(List.of("1", "bookMovieTickets", "ATWC0001 ATWC0001 ATWM261126 Avatar 2", "OK", "OK booked 2",
                    "2026-11-26", "c1@7", "applied"), List.of(first).subList(1, 9));
            assertEquals(List.of("2", "bookMovieTickets", "ATWC0001 ATWC0001 ATWM261126 Avatar 2", "NO_SUCH_SHOW",
                    "REFUSED NO_SUCH_SHOW", "2026-11-26", "-", "applied"), List.of(lines.get(1).split("\t")).subList(1, 9));
            log.write(3, DAY, new ClientKey("c1", 7), BOOK, new Result.Done("booked 2"), false);
            log.writeCheckpoint(4, DAY, null, "abc");
            log.writeDateChange(5, DAY, LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 30));
            log.writeDateChange(6, LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 28), LocalDate.of(2026, 11, 30));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(6, lines.size(), "closing flushes: " + lines);
        assertTrue(lines.get(3).contains("\t4\tcheckpoint\t-\tOK\tDIGEST abc\t"), lines.get(3));
        assertTrue(lines.get(4).contains("\t5\tdate\t2026-11-30\tOK\tDATE 2026-11-30\t2026-11-26\t-\t-"), lines.get(4));
        assertTrue(lines.get(5).contains("\t6\tdate\t2026-11-28\tIGNORED\tDATE 2026-11-30\t"), "it would have gone back: " + lines.get(5));
        assertTrue(RequestLogLine.parse(lines.get(5)).isControl());
    }

    @Test
    void everyLineReadsBackWithItsIdentityAndEffect(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("R2-requests.log");
        try (RequestLog log = new RequestLog(file)) {
            log.write(5, DAY, new ClientKey("x.1", 3), BOOK, new Result.Done("BOOKED"), true);
            log.write(6, DAY, new ClientKey("x.1", 3), BOOK, new Result.Done("BOOKED"), false);
            log.write(7, DAY, new ClientKey("has space", 1), BOOK, new Result.Done("BOOKED"), true);
            log.writeCheckpoint(8, DAY.plusDays(1), "R3", "abc");
        }
        List<RequestLogLine> read = Files.readAllLines(file).stream().map(RequestLogLine::parse).toList();
        assertEquals("x.1@3", read.get(0).clientKey());
        assertTrue(read.get(0).applied());
        assertFalse(read.get(1).applied());
        assertEquals(RequestLogLine.REPEAT, read.get(1).effect());
        assertNull(read.get(2).clientKey(), "an identity the replicas do not honour is logged as none");
        assertTrue(read.get(3).isCheckpoint());
        assertEquals(DAY.plusDays(1), read.get(3).businessDate());
        assertEquals("ATWC0001 ATWC0001 ATWM261126 Avatar 2", read.get(0).parameters());
    }

    @Test
    void aLineTornByAKillIsEndedBeforeTheNextIncarnationWrites(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("R1-requests.log");
        Files.writeString(file, "2026-11-26T10:00:00Z\t9\tbookMovieTick");
        try (RequestLog log = new RequestLog(file)) {
            log.write(10, DAY, new ClientKey("c", 1), BOOK, new Result.Done("BOOKED"), true);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), lines.toString());
        assertThrows(IllegalArgumentException.class, () -> RequestLogLine.parse(lines.get(0)));
        assertEquals(10, RequestLogLine.parse(lines.get(1)).seq());
    }

    @Test
    void linesOfAnotherFormatAreRefusedWithTheReason() {
        IllegalArgumentException six = assertThrows(IllegalArgumentException.class,
                () -> RequestLogLine.parse("t\t1\tbookMovieTickets\ta b\tOK\tOK x"));
        assertTrue(six.getMessage().startsWith("6 fields"), six.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RequestLogLine.parse("t\tx\top\tp\tOK\tOK\t2026-11-26\tc@1\tapplied"));
        assertThrows(IllegalArgumentException.class, () -> RequestLogLine.parse("t\t1\top\tp\tOK\tOK\t2026-11-26\tc@1\tmaybe"));
        assertThrows(IllegalArgumentException.class, () -> RequestLogLine.parse("t\t1\top\tp\tOK\tOK\t26.11.2026\tc@1\tapplied"));
    }
}
