package dmtbs.system;

import dmtbs.booking.RequestText;
import dmtbs.client.Call;
import dmtbs.client.FrontEndConnection;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * A branch office's client program for the multi-host tests, run on a lab's branch host (its own
 * network namespace): it resolves the front end through the naming service's address on the LAN and
 * prints one line {@code RESULT <canonical answer>} per call, for the test to compare.
 * <ul>
 *   <li>{@code BranchDriver NAMING script}: the lines of standard input, {@code USER OPERATION ARGS…},
 *       one after another;</li>
 *   <li>{@code BranchDriver NAMING race N USER OPERATION ARGS…}: N clients, each on its own connection,
 *       make the call at once; {@code %d} (or {@code %03d}) in the arguments is the client's number (from 0).</li>
 * </ul>
 */
public final class BranchDriver {

    private BranchDriver() {}

    public static void main(String[] args) throws Exception {
        String naming = args[0];
        switch (args[1]) {
            case "script" -> script(naming);
            case "race" -> race(naming, Integer.parseInt(args[2]), Arrays.asList(args).subList(3, args.length));
            default -> throw new IllegalArgumentException("usage: BranchDriver NAMING script | race N USER OPERATION ARGS…");
        }
        System.exit(0);                                   // the ORB's threads are not daemons
    }

    private static void script(String naming) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (FrontEndConnection fe = FrontEndConnection.open(naming, "FrontEnd", 20_000)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                System.out.println("RESULT " + call(fe, Arrays.asList(line.strip().split(" +"))));
            }
        }
    }

    private static void race(String naming, int clients, List<String> words) throws Exception {
        CyclicBarrier start = new CyclicBarrier(clients);
        String[] results = new String[clients];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int n = i;
            List<String> mine = words.stream().map(w -> w.contains("%") ? String.format(w, n) : w).toList();
            Thread t = new Thread(() -> {
                try (FrontEndConnection fe = FrontEndConnection.open(naming, "FrontEnd", 20_000)) {
                    fe.service()._non_existent();               // connected before the start line
                    start.await(60, TimeUnit.SECONDS);
                    results[n] = call(fe, mine);
                } catch (Exception e) {
                    results[n] = "ERROR " + e;
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join(120_000);
        for (String r : results) System.out.println("RESULT " + r);
    }

    private static String call(FrontEndConnection fe, List<String> words) {
        return Call.perform(fe.service(), RequestText.parse(words.get(0), words.get(1), words.subList(2, words.size()))).canonical();
    }
}
