package dmtbs.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The branch client's log (booking-rules.md §7): one file per user ID, one tab-separated line per request
 * with timestamp, operation, parameters, outcome and result.
 */
public final class ClientLog {

    private final Path dir;

    public ClientLog(Path dir) { this.dir = dir; }

    public void record(String userID, Call call) {
        String safeUser = userID.replaceAll("[^A-Za-z0-9]", "_");
        String line = String.join("\t", Instant.now().toString(), call.request().operation(),
                String.join(" ", call.request().arguments()).replace('\n', ' ').replace('\t', ' '),
                call.outcome().name(), call.text().replace('\n', ' ')) + "\n";
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(safeUser + ".log"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("warning: cannot write the client log: " + e.getMessage());
        }
    }
}
