package dmtbs.group.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Small files in a run directory that other processes poll (PID files, admin ports, the front end's
 * IOR). They are replaced whole: written to a temporary file and renamed over the old one, because a
 * plain write truncates first, and a reader that comes in between reads an empty file, which for a
 * PID file means "that process is gone" (a start-up that failed for no reason, once in CI).
 */
public final class RunFiles {

    private RunFiles() {}

    /** Replaces {@code file}'s content at once: readers see the old content or the new, never a part. */
    public static void replace(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes a directory and everything in it; nothing if it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** The PID in a PID file; empty when there is none (or it is not a PID file). */
    public static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
