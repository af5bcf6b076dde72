package dmtbs.launcher;

import dmtbs.yardstick.RaftMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RaftYardstickTest {

    @Test
    void drivesRealRaftMembersThroughAFollowerAndStopsThemAll(@TempDir Path dir) throws Exception {
        RaftYardstick.Figures f = RaftYardstick.measure(dir, dir.resolve("raft"), "raft-test-" + ProcessHandle.current().pid(), 2, 0.5, 1);
        assertTrue(f.result().ops() > 0, f.toString());
        assertEquals(0, f.result().errors(), f.toString());
        assertEquals("a follower", f.result().through());
        assertTrue(f.result().p50Nanos() > 0 && f.result().p50Nanos() <= f.result().p99Nanos(), f.toString());
        assertTrue(f.cpu().endsWith("µs CPU") || f.cpu().startsWith("n/a"), f.cpu());
        assertEquals(0, ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains(RaftMember.class.getName())).count(), "every member JVM is stopped");
    }
}
