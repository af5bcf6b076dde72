package dmtbs.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * CPU time and context switches of a set of processes, read from Linux's /proc. On a machine whose
 * cores are all busy, throughput is CPU per operation in disguise, and CPU per operation (with the
 * context switches behind most of it here) varies far less between runs than operations per second.
 */
final class CpuMeter {

    /** /proc reports CPU time in USER_HZ ticks, 100 a second on Linux whatever the kernel's own rate. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    /**
     * Totals over the processes that could be read (a process that exited counts for nothing): CPU
     * time of all of them (ended threads included), context switches of all but this JVM.
     */
    record Sample(long cpuNanos, long switches) {
        /** CPU microseconds and context switches per operation, from {@code before} to this sample. */
        String perOperation(Sample before, long operations) {
            if (operations <= 0) return "n/a";
            return String.format(java.util.Locale.ROOT, "%,.0f µs CPU, %.1f context switches (system)", (cpuNanos - before.cpuNanos) / 1e3 / operations,
                    (double) (switches - before.switches) / operations);
        }
    }

    private CpuMeter() {}

    /** Empty where there is no /proc (not Linux): the bench then prints no CPU figures. */
    static Optional<Sample> sample(Collection<Long> pids) {
        if (!Files.isDirectory(Path.of("/proc/self/task"))) return Optional.empty();
        long cpu = 0, switches = 0, self = ProcessHandle.current().pid();
        for (long pid : pids) {
            Path proc = Path.of("/proc", Long.toString(pid));
            try {
                cpu += cpuTicks(Files.readString(proc.resolve("stat"))) * NANOS_PER_TICK;
                // Not this JVM's switches: its client threads end with each run and take their counts along.
                if (pid != self) switches += switches(proc.resolve("task"));
            } catch (IOException | RuntimeException e) {
                // Gone between listing and reading: it contributes nothing to either sample.
            }
        }
        return Optional.of(new Sample(cpu, switches));
    }

    /** utime + stime: fields 14 and 15 of /proc/PID/stat, counted after the parenthesised command name. */
    static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Voluntary and involuntary switches of every live thread (threads that ended take theirs along). */
    private static long switches(Path tasks) throws IOException {
        long n = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path t : threads) {
                try {
                    for (String line : Files.readAllLines(t.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            n += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        }
                    }
                } catch (IOException e) {
                    // The thread ended while being read.
                }
            }
        }
        return n;
    }
}
