package dmtbs.yardstick;

import dmtbs.client.Latencies;
import dmtbs.group.node.RunFiles;
import org.jgroups.JChannel;
import org.jgroups.raft.RaftHandle;
import org.jgroups.raft.StateMachine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One member of the yardstick: jgroups-raft with its own default stack and a small replicated map.
 * Every member writes {@code leader-seen-by-<ID>} in OUT_DIR once it knows the leader
 * ({@link RunFiles#replace}, like every marker here, so a reader never sees half a file). The driving
 * member, started after that, also runs closed-loop clients through itself (a follower: it redirects every
 * command to the leader, as the yardstick's reference measurement did) and writes what it measured:
 * {@code measuring} and {@code measured} when its window opens and closes (the bench reads every
 * member's CPU at those moments), then {@code result}, one {@link Result#line()}.
 */
public final class RaftMember {

    static final String USAGE = "usage: RaftMember ID MEMBERS LOG_DIR MCAST_ADDR MCAST_PORT CLUSTER OUT_DIR [--drive CLIENTS WARMUP_S SECONDS]";
    /** Followed by the member's ID: the file a member writes once it knows the leader. */
    public static final String LEADER_MARKER_PREFIX = "leader-seen-by-";
    private static final int COMMAND_TIMEOUT_SECONDS = 10;

    private RaftMember() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 7 && !(args.length == 11 && args[7].equals("--drive"))) {
            System.err.println(USAGE);
            System.exit(2);
        }
        System.setProperty("yardstick.raft_id", args[0]);
        System.setProperty("yardstick.members", args[1]);
        System.setProperty("yardstick.log_dir", args[2]);
        System.setProperty("yardstick.mcast_addr", args[3]);
        System.setProperty("yardstick.mcast_port", args[4]);
        Path out = Path.of(args[6]);
        try (JChannel channel = new JChannel("raft-yardstick.xml")) {
            RaftHandle raft = new RaftHandle(channel, new Counters());
            channel.connect(args[5]);
            while (raft.leader() == null) Thread.sleep(20);
            if (args.length == 7) {
                // The bench starts the driver once a leader is elected, so the driver joins as a follower.
                RunFiles.replace(out.resolve(LEADER_MARKER_PREFIX + args[0]), raft.leader().toString());
                Thread.sleep(Long.MAX_VALUE);          // a plain member, until the bench stops it
                return;
            }
            drive(raft, Integer.parseInt(args[8]), Double.parseDouble(args[9]), Double.parseDouble(args[10]), out);
        }
    }

    private static void drive(RaftHandle raft, int clients, double warmupSeconds, double seconds, Path out) throws Exception {
        String through = raft.isLeader() ? "the leader" : "a follower";
        AtomicBoolean stop = new AtomicBoolean();
        Window window = new Window();
        List<Thread> threads = new ArrayList<>();
        List<Latencies> latencies = new ArrayList<>();
        long[] errors = new long[clients];
        for (int i = 0; i < clients; i++) {
            int id = i;
            // About the size of one booking request.
            byte[] command = String.format("bookMovieTickets ATWC%04d ATWE261126 Avengers 2 from client %d ..............", i, i)
                    .getBytes(StandardCharsets.UTF_8);
            Latencies mine = new Latencies();
            latencies.add(mine);
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    long start = System.nanoTime();
                    boolean ok;
                    try {
                        raft.set(command, 0, command.length, COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                        ok = true;
                    } catch (Exception e) {
                        ok = false;
                    }
                    long end = System.nanoTime();
                    if (!window.contains(start, end)) continue;
                    if (ok) mine.record(end - start);
                    else errors[id]++;                   // a failed call is an error, not a latency
                }
            }, "client-" + i);
            threads.add(t);
            t.start();
        }
        Thread.sleep((long) (warmupSeconds * 1000));
        RunFiles.replace(out.resolve("measuring"), "");
        window.open(System.nanoTime(), (long) (seconds * 1e9));
        Thread.sleep((long) (seconds * 1000));
        RunFiles.replace(out.resolve("measured"), "");
        stop.set(true);                                    // calls still running end after the window: not counted
        for (Thread t : threads) t.join(TimeUnit.SECONDS.toMillis(COMMAND_TIMEOUT_SECONDS + 1));
        RunFiles.replace(out.resolve("result"), Result.of(latencies, Arrays.stream(errors).sum(), seconds, through).line());
    }

    /** The measuring window: calls that start and end inside it count. */
    private static final class Window {
        private volatile long start = Long.MAX_VALUE, end = Long.MIN_VALUE;

        void open(long startNanos, long lengthNanos) {
            end = startNanos + lengthNanos;
            start = startNanos;
        }

        boolean contains(long callStart, long callEnd) { return callStart >= start && callEnd <= end; }
    }

    /** The replicated state: a count per command, answered with the new count. */
    static final class Counters implements StateMachine {
        private final Map<String, Integer> counts = new HashMap<>();

        @Override
        public synchronized byte[] apply(byte[] data, int offset, int length, boolean serializeResponse) {
            int n = counts.merge(new String(data, offset, length, StandardCharsets.UTF_8), 1, Integer::sum);
            return serializeResponse ? Integer.toString(n).getBytes(StandardCharsets.UTF_8) : null;
        }

        @Override
        public synchronized void readContentFrom(DataInput in) throws IOException {
            counts.clear();
            for (int i = in.readInt(); i > 0; i--) counts.put(in.readUTF(), in.readInt());
        }

        @Override
        public synchronized void writeContentTo(DataOutput out) throws IOException {
            out.writeInt(counts.size());
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue());
            }
        }
    }
}
