package dmtbs.replica;

import dmtbs.booking.RefusalCode;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestLogTest {

    @Test
    void linesReachTheFileOnFlushWithTheFieldsOfSpecSection7(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs").resolve("R1-requests.log");
        try (RequestLog log = new RequestLog(file)) {
            log.write(1, new Request.BookMovieTickets("ATWC0001", "ATWC0001", "ATWM261126", "Avatar", 2), new Result.Done("booked 2"));
            log.write(2, new Request.BookMovieTickets("ATWC0001", "ATWC0001", "ATWM261126", "Avatar", 2),
                    new Result.Refused(RefusalCode.NO_SUCH_SHOW, "no such show"));
            // Buffered: a write per delivered run cost a fifth of a replica's CPU.
            assertEquals(List.of(), Files.readAllLines(file));
            log.flush();
            List<String> lines = Files.readAllLines(file);
            assertEquals(2, lines.size(), lines.toString());
            String[] first = lines.get(0).split("\t");
            assertEquals(6, first.length, lines.get(0));
            assertTrue(first[0].matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), first[0]);
            assertEquals(List.of("1", "bookMovieTickets", "ATWC0001 ATWC0001 ATWM261126 Avatar 2", "OK", "OK booked 2"),
                    List.of(first).subList(1, 6));
            assertEquals(List.of("2", "bookMovieTickets", "ATWC0001 ATWC0001 ATWM261126 Avatar 2", "NO_SUCH_SHOW", "REFUSED NO_SUCH_SHOW"),
                    List.of(lines.get(1).split("\t")).subList(1, 6));
            log.writeCheckpoint(3, null, "abc");
            log.writeDateChange(4, LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 30));
            log.writeDateChange(5, LocalDate.of(2026, 11, 28), LocalDate.of(2026, 11, 30));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(5, lines.size(), "closing flushes: " + lines);
        assertTrue(lines.get(2).endsWith("\t3\tcheckpoint\t-\tOK\tDIGEST abc"), lines.get(2));
        assertTrue(lines.get(3).endsWith("\t4\tdate\t2026-11-30\tOK\tDATE 2026-11-30"), lines.get(3));
        assertTrue(lines.get(4).endsWith("\t5\tdate\t2026-11-28\tIGNORED\tDATE 2026-11-30"), "it would have gone back: " + lines.get(4));
    }
}
