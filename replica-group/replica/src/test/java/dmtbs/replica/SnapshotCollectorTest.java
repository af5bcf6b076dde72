package dmtbs.replica;

import dmtbs.booking.BookingState;
import dmtbs.group.msg.CheckpointReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class SnapshotCollectorTest {

    private static final BookingState GOOD = new BookingState(List.of(new BookingState.Show("Avatar", "ATWM261126", 5)), List.of());
    private static final BookingState BAD = new BookingState(List.of(new BookingState.Show("Avatar", "ATWM261126", 6)), List.of());

    @Test
    void oneReplicaAloneIsNeverTrusted() {
        SnapshotCollector c = new SnapshotCollector();
        assertNull(c.offer(new CheckpointReport("R1", "x", 10, BAD.digest(), 0, BAD)));
        assertNull(c.offer(new CheckpointReport("R1", "x", 10, BAD.digest(), 0, BAD)), "the same replica twice is still one");
        assertNull(c.offer(new CheckpointReport("R3", "y", 10, GOOD.digest(), 0, GOOD)));
        SnapshotCollector.Accepted a = c.offer(new CheckpointReport("R4", "z", 10, GOOD.digest(), 0, null));
        assertNotNull(a);
        assertEquals(GOOD, a.state());
        assertEquals(10, a.seq());
    }

    @Test
    void aStateThatDoesNotHaveItsClaimedDigestIsIgnored() {
        SnapshotCollector c = new SnapshotCollector();
        assertNull(c.offer(new CheckpointReport("R1", "x", 10, GOOD.digest(), 0, BAD)));
        assertNull(c.offer(new CheckpointReport("R2", "x", 10, GOOD.digest(), 0, null)), "digests agree but no genuine state yet");
        assertNotNull(c.offer(new CheckpointReport("R3", "x", 10, GOOD.digest(), 0, GOOD)));
    }

    @Test
    void clientSessionsComeWithTheStateAndADifferentAnswerInThemIsNotTrusted() {
        String honest = "c1.1\t7\tOK BOOKED ATWC0001 ATWM261126 Avatar 1\n";
        String wrong = "c1.1\t7\tREFUSED NOT_ENOUGH_SEATS\n";
        String digest = ClientSessions.digest(GOOD.digest(), honest);
        SnapshotCollector c = new SnapshotCollector();
        // A replica whose booking state is right but which answered a client wrongly, claiming the honest digest.
        assertNull(c.offer(new CheckpointReport("R1", "x", 10, digest, 0, GOOD, wrong)));
        assertNull(c.offer(new CheckpointReport("R2", "x", 10, digest, 0, null)));
        SnapshotCollector.Accepted a = c.offer(new CheckpointReport("R3", "x", 10, digest, 0, GOOD, honest));
        assertNotNull(a);
        assertEquals(honest, a.sessions());
    }

    @Test
    void aNewerCheckpointStartsOver() {
        SnapshotCollector c = new SnapshotCollector();
        c.offer(new CheckpointReport("R1", "x", 10, GOOD.digest(), 0, GOOD));
        assertNull(c.offer(new CheckpointReport("R2", "x", 11, GOOD.digest(), 0, null)));
        assertNull(c.offer(new CheckpointReport("R3", "x", 10, GOOD.digest(), 0, GOOD)), "older reports no longer count");
    }
}
