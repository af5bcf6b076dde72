package dmtbs.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The C++ branch client (omniORB, {@code test-client/cpp-client}): built by its own script, which
 * installs omniORB from Debian's packages when it is missing, and run one operation at a time.
 */
final class CppClient {

    record Run(int exitCode, String out, String err) {}

    private final Path binary;
    private final String namingUrl;

    private CppClient(Path binary, String namingUrl) {
        this.binary = binary;
        this.namingUrl = namingUrl;
    }

    static CppClient build(Path home, String namingUrl) throws IOException, InterruptedException {
        Path script = home.resolve("test-client/cpp-client/build.sh");
        Path out = Path.of("target", "cpp-client").toAbsolutePath();
        Run built = run(List.of("bash", script.toString(), out.toString()), 600);
        if (built.exitCode != 0) throw new IllegalStateException("cannot build the C++ client: " + built.err);
        String[] lines = built.out.split("\n");
        return new CppClient(Path.of(lines[lines.length - 1].strip()), namingUrl);   // the script's last line
    }

    Run call(String operation, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), namingUrl, operation));
        command.addAll(List.of(args));
        return run(command, 60);
    }

    private static Run run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path err = java.nio.file.Files.createTempFile("cpp-client", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();      // ends when the process closes its output
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command);
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip(),
                    java.nio.file.Files.readString(err).strip());
        } finally {
            java.nio.file.Files.deleteIfExists(err);
        }
    }
}
