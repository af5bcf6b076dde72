package dmtbs.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * CPU time of a set of processes, read from Linux's /proc. On a machine whose cores are all busy,
 * throughput is CPU per operation in disguise: this tells a change that saved work from a run that
 * was merely lucky. (Context switches are not summed: /proc counts them per live thread, and pool
 * threads that end take theirs along, which made the sums drift and even go negative.)
 */
final class CpuMeter {

    /** /proc reports CPU time in USER_HZ ticks, 100 a second on Linux whatever the kernel's own rate. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuMeter() {}

    /**
     * User + system CPU time of the processes, ended threads included; a process that cannot be read
     * (it exited) counts for nothing. Empty where there is no /proc: the bench then prints no CPU figure.
     */
    static OptionalLong cpuNanos(Collection<Long> pids) {
        if (!Files.isDirectory(Path.of("/proc/self"))) return OptionalLong.empty();
        long ticks = 0;
        for (long pid : pids) {
            try {
                ticks += cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            } catch (IOException | RuntimeException e) {
                // Gone between listing and reading: it contributes nothing.
            }
        }
        return OptionalLong.of(ticks * NANOS_PER_TICK);
    }

    /** utime + stime: fields 14 and 15 of /proc/PID/stat, counted after the parenthesised command name. */
    static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** "840 µs CPU per operation" from two readings and the operations done between them. */
    static String perOperation(long beforeNanos, long afterNanos, long operations) {
        if (operations <= 0) return "n/a";
        return String.format(Locale.ROOT, "%,.0f µs CPU", (afterNanos - beforeNanos) / 1e3 / operations);
    }
}
