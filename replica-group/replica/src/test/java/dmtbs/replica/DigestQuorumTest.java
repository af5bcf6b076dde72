package dmtbs.replica;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DigestQuorumTest {

    @Test
    void twoDifferentReplicasMustAgreeAtTheSameCheckpoint() {
        DigestQuorum q = new DigestQuorum();
        assertNull(q.offer("R1", 10, "aaa"));
        assertNull(q.offer("R1", 10, "aaa"), "the same replica twice is one voice");
        assertNull(q.offer("R2", 10, "bbb"), "a wrong replica does not decide");
        assertEquals(new DigestQuorum.Agreed(10, "aaa"), q.offer("R3", 10, "aaa"));
    }

    @Test
    void aLaterCheckpointStartsOverAndAnEarlierOneIsIgnored() {
        DigestQuorum q = new DigestQuorum();
        assertNull(q.offer("R1", 10, "aaa"));
        assertNull(q.offer("R2", 12, "ccc"));
        assertNull(q.offer("R3", 10, "aaa"), "too late: the quorum moved on to 12");
        assertEquals(new DigestQuorum.Agreed(12, "ccc"), q.offer("R4", 12, "ccc"));
    }
}
