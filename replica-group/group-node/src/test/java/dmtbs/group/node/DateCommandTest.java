package dmtbs.group.node;

import dmtbs.group.msg.DateChange;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.RequestId;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The admin command {@code date}: one line, saying what was refused or what the order made of it. */
class DateCommandTest {

    private static final LocalDate NOV_27 = LocalDate.of(2026, 11, 27);

    @Test
    void aDateBeforeTheOrdersOrFarAheadIsRefusedBeforeItIsOrdered() {
        assertEquals("refused: the business date never goes back (it is 2026-11-27)", NodeProcess.dateRefusal(NOV_27.minusDays(1), NOV_27));
        assertNull(NodeProcess.dateRefusal(NOV_27, NOV_27));
        assertNull(NodeProcess.dateRefusal(NOV_27.plusDays(31), NOV_27));
        assertEquals("refused: 2026-12-29 is more than 31 days after the business date", NodeProcess.dateRefusal(NOV_27.plusDays(32), NOV_27));
    }

    @Test
    void theAnswerSaysWhatTheOrderMadeOfTheChange() {
        RequestId id = new RequestId("Sequencer-date-1", 1);
        OrderedRequest moved = new OrderedRequest(7, NOV_27.toEpochDay(), id, 1, null, null, new DateChange(NOV_27.plusDays(3)));
        assertEquals("ok business date 2026-11-30 from seq 8 on", NodeProcess.dateOutcome(moved));
        // Another change, ordered first, took the date to 5 December: this one would go back.
        OrderedRequest raced = new OrderedRequest(9, NOV_27.plusDays(8).toEpochDay(), id, 1, null, null, new DateChange(NOV_27.plusDays(3)));
        assertEquals("refused: the business date never goes back (it is 2026-12-05)", NodeProcess.dateOutcome(raced));
    }
}
