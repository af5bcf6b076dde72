package dmtbs.group.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFilesTest {

    @Test
    void aReaderPollingWhileTheFileIsRewrittenAlwaysReadsAWholePid(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pids").resolve("R1.pid");
        RunFiles.replace(file, "1000000");
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong reads = new AtomicLong(), missing = new AtomicLong();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                reads.incrementAndGet();
                if (RunFiles.readPid(file).isEmpty()) missing.incrementAndGet();
            }
        });
        reader.start();
        for (int i = 0; i < 5_000; i++) RunFiles.replace(file, Long.toString(1_000_000 + i));
        done.set(true);
        reader.join();
        assertTrue(reads.get() > 0);
        assertEquals(0, missing.get(), "reads that found no PID, of " + reads.get());
        assertEquals(Optional.of(1_004_999L), RunFiles.readPid(file));
        try (var left = Files.list(file.getParent())) {
            assertEquals(1, left.count(), "no temporary file is left behind");
        }
    }

    @Test
    void noFileOrNoNumberIsNoPid(@TempDir Path dir) throws Exception {
        assertEquals(Optional.empty(), RunFiles.readPid(dir.resolve("none.pid")));
        Files.writeString(dir.resolve("bad.pid"), "not a pid");
        assertEquals(Optional.empty(), RunFiles.readPid(dir.resolve("bad.pid")));
    }
}
