package dmtbs.rm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditPacerTest {

    @Test
    void aSmallStateIsAuditedEveryPeriod() {
        AuditPacer p = new AuditPacer(5_000, 0);
        assertFalse(p.due(4_999), "the first checkpoint waits a period after start");
        assertTrue(p.due(5_000));
        p.ordered(5_000);
        p.reported(100, 2_000, 5_010);                 // 2 ms digests: the period rules
        assertEquals(5_000, p.spacingMillis());
        assertFalse(p.due(10_000));
        assertTrue(p.due(10_010));
    }

    @Test
    void aCostlyDigestSpacesCheckpointsByItsSlowestReplica() {
        AuditPacer p = new AuditPacer(5_000, 0);
        p.ordered(5_000);
        p.reported(100, 120_000, 5_100);
        p.reported(100, 400_000, 5_400);               // the slowest of the four sets the pace
        p.reported(100, 90_000, 5_090);
        assertEquals(AuditPacer.COST_FACTOR * 400, p.spacingMillis());
        assertFalse(p.due(5_100 + 19_999));
        assertTrue(p.due(5_100 + 20_000));
    }

    @Test
    void aNewerCheckpointResetsThePace_olderReportsDoNot() {
        AuditPacer p = new AuditPacer(5_000, 0);
        p.reported(100, 400_000, 5_000);
        p.reported(90, 900_000, 5_001);                // a straggler of an older checkpoint
        assertEquals(20_000, p.spacingMillis());
        p.reported(200, 10_000, 25_000);               // the state shrank (or got cheaper)
        assertEquals(5_000, p.spacingMillis());
        assertFalse(p.due(29_999));
        assertTrue(p.due(30_000));
    }

    @Test
    void aManagerThatNeverOrderedKeepsThePaceFromTheReportsItSaw() {
        AuditPacer taker = new AuditPacer(5_000, 0);
        taker.reported(300, 200_000, 60_000);          // ordered by another manager, which then died
        assertFalse(taker.due(60_000 + 9_999));
        assertTrue(taker.due(60_000 + 10_000));
    }

    @Test
    void aPeriodMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new AuditPacer(0, 0));
    }
}
