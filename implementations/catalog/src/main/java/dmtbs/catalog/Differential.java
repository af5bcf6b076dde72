package dmtbs.catalog;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.Result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Differential testing of the implementations against each other: the same steps go to a fresh
 * machine of each; after every step the canonical results (and, every {@code digestEvery} steps,
 * the digests) must be equal. A divergence is shrunk to a minimal sequence that still diverges.
 *
 * <p>Command line (the soak run): {@code --ops N --seed S --seeds K --digest-every D}; runs K
 * sequences of N steps with seeds S, S+1, …; exits 1 on a divergence after printing it.
 */
public final class Differential {

    /** Where and how the implementations first disagreed. */
    public record Divergence(int index, Step step, Map<String, String> answers) {
        @Override public String toString() {
            StringBuilder sb = new StringBuilder("step " + index + ": " + step + "\n");
            answers.forEach((impl, a) -> sb.append("  ").append(impl).append(": ").append(a).append('\n'));
            return sb.toString();
        }
    }

    private final List<Supplier<BookingMachine>> factories;
    private final int digestEvery;

    /** Compares the named implementations of {@link Implementations}. */
    public static Differential of(List<String> implementations, int digestEvery) {
        return new Differential(implementations.stream()
                .<Supplier<BookingMachine>>map(n -> () -> Implementations.create(n)).toList(), digestEvery);
    }

    /** Compares machines made by these factories (each machine must have a distinct name). */
    public Differential(List<Supplier<BookingMachine>> factories, int digestEvery) {
        this.factories = List.copyOf(factories);
        this.digestEvery = digestEvery;
    }

    /** Runs the steps on fresh machines; the first divergence, or null if all agree throughout. */
    public Divergence firstDivergence(List<Step> steps) {
        List<BookingMachine> machines = factories.stream().map(Supplier::get).toList();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Map<String, String> answers = new LinkedHashMap<>();
            for (BookingMachine m : machines) answers.put(m.name(), answer(m, step));
            boolean checkDigest = (i + 1) % digestEvery == 0 || i == steps.size() - 1;
            if (checkDigest) for (BookingMachine m : machines) answers.computeIfPresent(m.name(), (k, v) -> v + " | digest " + digestOf(m));
            if (answers.values().stream().distinct().count() > 1) return new Divergence(i, step, answers);
        }
        return null;
    }

    private static String answer(BookingMachine m, Step step) {
        try {
            Result r = m.apply(step.request(), step.date());
            return r == null ? "null result" : r.canonical();
        } catch (RuntimeException e) {
            return "EXCEPTION " + e;
        }
    }

    private static String digestOf(BookingMachine m) {
        try {
            return m.digest();
        } catch (RuntimeException e) {
            return "EXCEPTION " + e;
        }
    }

    /**
     * Delta debugging (ddmin): removes ever smaller chunks of steps while a divergence remains.
     * The result diverges, and removing any single step from it makes the divergence go away.
     */
    public List<Step> shrink(List<Step> failing) {
        Differential everyStep = everyStep();
        List<Step> current = new ArrayList<>(failing.subList(0, firstDivergence(failing).index() + 1));
        int chunk = Math.max(1, current.size() / 2);
        while (true) {
            boolean removed = false;
            for (int start = 0; start < current.size(); ) {
                List<Step> candidate = new ArrayList<>(current);
                candidate.subList(start, Math.min(start + chunk, candidate.size())).clear();
                Divergence d = candidate.isEmpty() ? null : everyStep.firstDivergence(candidate);
                if (d != null) {
                    current = new ArrayList<>(candidate.subList(0, d.index() + 1));
                    removed = true;
                } else {
                    start += chunk;
                }
            }
            if (chunk == 1 && !removed) return current;
            if (!removed) chunk = Math.max(1, chunk / 2);
        }
    }

    private Differential everyStep() { return new Differential(factories, 1); }

    /** Runs one seeded sequence; returns a report of the divergence with its shrunk sequence, or null. */
    public String check(long seed, int ops) {
        List<Step> steps = new RandomWorkload(seed).steps(ops);
        Divergence d = firstDivergence(steps);
        if (d == null) return null;
        List<Step> minimal = shrink(steps);
        StringBuilder sb = new StringBuilder();
        sb.append("implementations diverge; reproduce with seed=").append(seed).append(" ops=").append(ops).append('\n');
        sb.append(d);
        sb.append("shrunk to ").append(minimal.size()).append(" steps (date requester request):\n");
        minimal.forEach(s -> sb.append("  ").append(s).append('\n'));
        sb.append(everyStep().firstDivergence(minimal));
        return sb.toString();
    }

    public static void main(String[] args) {
        long seed = 1;
        int ops = 100_000;
        int seeds = 10;
        int digestEvery = 1_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--ops" -> ops = Integer.parseInt(args[++i]);
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--digest-every" -> digestEvery = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: Differential [--seed S] [--ops N] [--seeds K] [--digest-every D]");
                    System.exit(2);
                }
            }
        }
        Differential diff = Differential.of(Implementations.NAMES, digestEvery);
        long start = System.nanoTime();
        for (long s = seed; s < seed + seeds; s++) {
            String report = diff.check(s, ops);
            if (report != null) {
                System.out.println(report);
                System.exit(1);
            }
            System.out.printf("seed %d: %d ops, all %d implementations agree%n", s, ops, Implementations.NAMES.size());
        }
        System.out.printf("%d ops in %.1f s: no divergence%n", (long) ops * seeds, (System.nanoTime() - start) / 1e9);
    }
}
