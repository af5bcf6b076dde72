package dmtbs.launcher;

import dmtbs.group.node.RunFiles;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.FileWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one process of the system running on its host: the front end and the naming service, which
 * no replica manager watches. {@code Keeper <pid-file> <log-file> <command…>} starts the command,
 * writes its PID where the launcher looks for it, and starts it again as soon as it exits
 * ({@link RestartBackoff}); stopped itself (SIGTERM), it stops the process and exits. The restarted
 * front end answers on the same port under the same object key, so clients keep their reference.
 */
public final class Keeper {

    private Keeper() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: Keeper <pid-file> <log-file> <command…>");
            System.exit(2);
        }
        Path pidFile = Path.of(args[0]);
        File logFile = new File(args[1]);
        List<String> command = List.of(args).subList(2, args.length);
        Object lock = new Object();
        Process[] child = new Process[1];
        boolean[] stopping = new boolean[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process p;
            synchronized (lock) {                       // no new start after this
                stopping[0] = true;
                p = child[0];
            }
            if (p == null) return;
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }, "keeper-stop"));
        RestartBackoff backoff = new RestartBackoff();
        while (true) {
            Process p;
            synchronized (lock) {
                if (stopping[0]) return;
                p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile))
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                child[0] = p;
                RunFiles.replace(pidFile, Long.toString(p.pid()));
            }
            int code = p.waitFor();
            synchronized (lock) {
                if (stopping[0]) return;
            }
            long delay = backoff.afterExit(System.currentTimeMillis());
            note(logFile, "keeper: the process " + p.pid() + " exited with status " + code + "; starting it again in " + delay + " ms");
            Thread.sleep(delay);
        }
    }

    private static void note(File logFile, String line) throws IOException {
        try (PrintWriter w = new PrintWriter(new FileWriter(logFile, true))) {
            w.println(Instant.now() + " " + line);
        }
    }
}
