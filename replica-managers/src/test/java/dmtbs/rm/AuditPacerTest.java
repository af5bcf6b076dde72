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
        p.reported(50, 300_000, 5_000);
        p.reported(100, 120_000, 10_100);
        p.reported(100, 400_000, 10_400);              // the slowest of the four sets the pace
        p.reported(100, 90_000, 10_090);
        assertEquals(AuditPacer.COST_FACTOR * 300, p.spacingMillis(), "the lesser of the latest two checkpoints' slowest");
        assertFalse(p.due(10_100 + 14_999));              // from the first report of the latest checkpoint
        assertTrue(p.due(10_100 + 15_000));
    }

    @Test
    void oneColdCheckpointAlone_aFreshJvmHashingSlowly_doesNotStretchThePace() {
        AuditPacer p = new AuditPacer(5_000, 0);
        p.ordered(5_000);
        p.reported(10, 300_000, 5_300);                // the first digests of fresh JVMs: slow, tiny state
        assertEquals(5_000, p.spacingMillis());
        p.reported(20, 2_000, 10_400);                 // warm: the state really is small
        assertEquals(5_000, p.spacingMillis());
    }

    @Test
    void aNewerCheckpointMovesThePace_olderReportsDoNot() {
        AuditPacer p = new AuditPacer(5_000, 0);
        p.reported(90, 500_000, 4_000);
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
        taker.reported(290, 200_000, 50_000);          // ordered by another manager, which then died
        taker.reported(300, 200_000, 60_000);
        assertFalse(taker.due(60_000 + 9_999));
        assertTrue(taker.due(60_000 + 10_000));
    }

    @Test
    void aPeriodMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new AuditPacer(0, 0));
    }
}
