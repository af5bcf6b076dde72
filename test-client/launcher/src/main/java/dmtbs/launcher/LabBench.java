package dmtbs.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/dmtbs bench lab}: what running on a LAN costs. The same closed-loop clients measure the
 * service on loopback (one machine, {@code up}) and then on the lab (every role in a network namespace
 * of its own, {@code lab up}), one after the other in the same run, so the two compare: start-up time,
 * throughput and latency at 1 and N clients, CPU per operation, and the recovery from a replica's
 * kill -9. Then, on the lab, the same with a LAN's latency and loss emulated in the group stack
 * ({@code lab delay}). Prints figures; asserts nothing.
 */
final class LabBench {
    private LabBench() {}

    static int run(Path home, Path runDir, List<String> args) throws IOException, InterruptedException {
        double seconds = Dmtbs.takeNumber(args, "--seconds", "10");
        double warmup = Dmtbs.takeNumber(args, "--warmup", "60");
        int clients = Dmtbs.takeInt(args, "--clients", "8");
        String transport = Dmtbs.take(args, "--transport", "udp");
        int delay = Dmtbs.takeInt(args, "--delay", "1");
        double loss = Dmtbs.takeNumber(args, "--loss", "1");
        if (!args.isEmpty() || clients < 1 || clients > 512 || seconds <= 0 || warmup < 0 || !List.of("udp", "tcp").contains(transport)
                || delay < 0 || delay > 2_000 || loss < 0 || loss > 100) {
            throw new Dmtbs.UsageError("bench lab [--seconds S] [--warmup S] [--clients 1..512] [--transport udp|tcp] [--delay MS] [--loss PCT]");
        }
        LocalDate today = LocalDate.of(2026, 11, 26);
        Path dir = runDir.resolve("bench-lab");
        List<String> report = new ArrayList<>();

        SystemSettings s = SystemSettings.of(home, dir.resolve("loopback"), "dmtbs-bench-lab-" + ProcessHandle.current().pid(), 1058, today, 0);
        try (Cluster c = new Cluster(s, Dmtbs.classpath())) {
            long t0 = System.nanoTime();
            c.startEmpty(Duration.ofSeconds(90));
            report.add(String.format("loopback: up in %.1f s", (System.nanoTime() - t0) / 1e9));
            report.addAll(measure(c, s.namingUrl(), "loopback", clients, warmup, seconds, today));
        }

        Path labDir = dir.resolve("lab");
        if (Lab.isLab(labDir)) Lab.down(home, labDir, System.out);
        long t0 = System.nanoTime();
        if (Lab.up(home, labDir, today, transport, System.out) != 0) return 1;
        try {
            Cluster lab = Lab.cluster(home, labDir);
            report.add(String.format("lab (%s): up in %.1f s, namespaces included", transport, (System.nanoTime() - t0) / 1e9));
            report.addAll(measure(lab, lab.settings().namingUrl(), "lab " + transport, clients, warmup, seconds, today));
            if (Lab.command(home, labDir, new ArrayList<>(List.of("delay", Integer.toString(delay), "--loss", Double.toString(loss))),
                    System.out) != 0) {
                report.add("lab delay failed; not measured with it");
            } else {
                String with = "lab " + transport + ", " + delay + " ms, " + loss + "% loss";
                report.add(with + ": " + one(lab, 1, seconds, today));
                report.add(with + ": " + one(lab, clients, seconds, today));
            }
        } finally {
            Lab.down(home, labDir, System.out);
        }
        System.out.println();
        System.out.printf("closed-loop CORBA clients, %.0f s each after %.0f s warm-up; each system alone on this machine%n", seconds, warmup);
        report.forEach(System.out::println);
        return 0;
    }

    private static List<String> measure(Cluster c, String namingUrl, String label, int clients, double warmup, double seconds,
                                        LocalDate today) throws IOException, InterruptedException {
        LoadClients.setUp(namingUrl, today);
        LoadClients.run(namingUrl, clients, warmup, today, 1);
        List<String> lines = new ArrayList<>();
        lines.add(label + ", 1 client:   " + one(c, 1, seconds, today));
        lines.add(label + ", " + clients + " clients: " + Bench.measure(c, namingUrl, clients, seconds, today).summary());
        lines.add(label + ", kill -9 R2 under load:");
        lines.add(RecoveryBench.measure(c, namingUrl, "R2").stripTrailing());
        return lines;
    }

    private static String one(Cluster c, int clients, double seconds, LocalDate today) throws InterruptedException {
        return LoadClients.run(c.settings().namingUrl(), clients, seconds, today, 2).toString();
    }
}
