package dmtbs.launcher;

import dmtbs.group.node.RunFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A process that dies while the system starts is named, with the reason from its log, on one line. */
class StartUpFailureTest {

    /** A system directory whose PID file for {@code name} names a process that has exited. */
    private static Cluster withExited(Path dir, String name) throws Exception {
        Cluster cluster = new Cluster(SystemSettings.of(dir, dir.resolve("run"), "start-up-failure", 1999, LocalDate.of(2026, 11, 26), 0), "");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        RunFiles.replace(cluster.pidDir().resolve(name + ".pid"), Long.toString(gone.pid()));
        return cluster;
    }

    @Test
    void aReplicaThatDiedIsReportedWithItsLastErrorAndItsManagersWord(@TempDir Path dir) throws Exception {
        Cluster cluster = withExited(dir, "R2");
        Files.createDirectories(cluster.logFile("R2").getParent());
        Files.writeString(cluster.logFile("R2"), "10:00:00.000 INFO  started\nException in thread \"main\" java.net.BindException: in use\n"
                + "\tat somewhere\n");
        Files.writeString(cluster.logFile("RM2"), "10:00:01.000 INFO  RM2: replacing R2 (CRASH): the managers agreed\n10:00:02.000 INFO  later\n");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cluster.awaitAdmin("R2", "x", Duration.ofSeconds(5)));

        assertTrue(e.getMessage().startsWith("R2 exited during start-up (Exception in thread \"main\" java.net.BindException: in use; "
                + "RM2: 10:00:01.000 INFO  RM2: replacing R2 (CRASH): the managers agreed)"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void withoutALogItSaysSo(@TempDir Path dir) throws Exception {
        Cluster cluster = withExited(dir, "Sequencer");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cluster.awaitAdmin("Sequencer", "x", Duration.ofSeconds(5)));

        assertTrue(e.getMessage().startsWith("Sequencer exited during start-up (no log); see "), e.getMessage());
    }
}
