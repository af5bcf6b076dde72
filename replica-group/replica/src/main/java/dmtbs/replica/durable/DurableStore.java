package dmtbs.replica.durable;

import dmtbs.booking.BookingState;
import dmtbs.group.msg.Codec;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.replica.durable.SnapshotText.Snapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A replica's applied history on its own disk, in its data directory: log segments of the ordered
 * requests it applied ({@code log-<first seq>.seg}, records framed by {@link RecordFrame}) and the
 * latest snapshot of its portable state ({@code snapshot-<seq>.snap}, {@link SnapshotText}).
 *
 * <p>Appends are buffered; {@link #sync()} writes them and forces them to the disk, once per
 * delivered batch (group commit), and only then may the replica answer. A snapshot is written to a
 * temporary file, forced, and renamed into place; the segments it covers are deleted afterwards, so
 * a crash at any moment leaves either the old snapshot with its log or the new one.
 *
 * <p>Not thread-safe: the replica calls it on its delivery thread, under the node's lock.
 */
public final class DurableStore implements AutoCloseable {

    private static final Pattern SEGMENT = Pattern.compile("log-(\\d{20})\\.seg");
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{20})\\.snap");

    private final Path dir;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private FileChannel segment;
    private long pendingFirst = -1;
    private long appended;
    private volatile long durable;
    private volatile long snapshotSeq;

    private DurableStore(Path dir) { this.dir = dir; }

    /** The store in {@code dir}, created if missing. */
    public static DurableStore open(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new DurableStore(dir);
    }

    /** What a replica starts from: the latest valid snapshot (or none), then the log after it. */
    public record Recovered(Snapshot snapshot, List<OrderedRequest> tail, List<byte[]> encodings, String cut) {
        public long lastSeq() {
            if (!tail.isEmpty()) return tail.get(tail.size() - 1).seq();
            return snapshot == null ? 0 : snapshot.seq();
        }
    }

    /**
     * Reads the history back. A log that ends in a record cut short or failing its checksum, or
     * that skips a sequence number, is cut there: the file is truncated, later segments deleted,
     * and {@code cut} says where and why. Nothing after the cut is ever returned.
     */
    public Recovered recover() throws IOException {
        deleteLeftovers();
        Snapshot snapshot = null;
        List<String> problems = new ArrayList<>();
        for (Path p : files(SNAPSHOT, true)) {
            try {
                snapshot = SnapshotText.read(Files.readString(p, StandardCharsets.UTF_8));
                break;
            } catch (RuntimeException e) {
                problems.add(p.getFileName() + " is unusable (" + e.getMessage() + ")");
            }
        }
        long expected = snapshot == null ? 1 : snapshot.seq() + 1;
        List<OrderedRequest> tail = new ArrayList<>();
        List<byte[]> encodings = new ArrayList<>();
        List<Path> segments = files(SEGMENT, false);
        for (int i = 0; i < segments.size(); i++) {
            Path p = segments.get(i);
            byte[] bytes = Files.readAllBytes(p);
            RecordFrame.Scan scan = RecordFrame.scan(bytes);
            int offset = 0;
            String problem = scan.problem();
            int validLength = scan.validLength();
            for (byte[] payload : scan.payloads()) {
                OrderedRequest r;
                try {
                    r = (OrderedRequest) Codec.decode(payload, 0, payload.length);
                } catch (RuntimeException e) {
                    problem = "a record that does not decode at byte " + offset;
                    validLength = offset;
                    break;
                }
                if (r.seq() > expected) {
                    problem = "seq " + r.seq() + " where " + expected + " was due, at byte " + offset;
                    validLength = offset;
                    break;
                }
                if (r.seq() == expected) {
                    tail.add(r);
                    encodings.add(payload);
                    expected++;
                }
                offset += RecordFrame.HEADER + payload.length;
            }
            if (problem != null) {
                problems.add(p.getFileName() + ": " + problem + "; the log is cut there, at seq " + (expected - 1));
                truncate(p, validLength);
                for (Path later : segments.subList(i + 1, segments.size())) Files.delete(later);
                break;
            }
        }
        appended = expected - 1;
        durable = appended;
        snapshotSeq = snapshot == null ? 0 : snapshot.seq();
        return new Recovered(snapshot, tail, encodings, problems.isEmpty() ? null : String.join("; ", problems));
    }

    /** Buffers one applied request; it is durable after the next {@link #sync()}. */
    public void append(OrderedRequest r) {
        byte[] frame = RecordFrame.frame(Codec.encode(r));
        if (pendingFirst < 0) pendingFirst = r.seq();
        pending.writeBytes(frame);
        appended = r.seq();
    }

    /** Writes what is buffered and forces it to the disk: one call per delivered batch. */
    public void sync() throws IOException {
        if (pending.size() == 0) return;
        if (segment == null) {
            Path p = dir.resolve(String.format("log-%020d.seg", pendingFirst));
            segment = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            forceDirectory();                              // the new file's name must survive a crash too
        }
        ByteBuffer b = ByteBuffer.wrap(pending.toByteArray());
        while (b.hasRemaining()) segment.write(b);
        segment.force(false);
        pending.reset();
        pendingFirst = -1;
        durable = appended;
    }

    /**
     * The state after {@code seq}: written beside the log, then the log it covers is dropped. The
     * next append starts a new segment.
     */
    public void snapshot(long seq, long businessDay, BookingState state, String sessions) throws IOException {
        sync();
        writeSnapshot(seq, businessDay, state, sessions);
        closeSegment();
        deleteCovered(seq);
    }

    /**
     * A state installed from other replicas (a state transfer): it replaces this replica's whole
     * history, including any log beyond {@code seq} (history the group does not share).
     */
    public void installed(long seq, long businessDay, BookingState state, String sessions) throws IOException {
        pending.reset();
        pendingFirst = -1;
        closeSegment();
        writeSnapshot(seq, businessDay, state, sessions);
        deleteCovered(Long.MAX_VALUE);
        appended = seq;
        durable = seq;
    }

    /** Forgets everything (a replacement that will receive its state by transfer). */
    public void wipe() throws IOException {
        closeSegment();
        pending.reset();
        pendingFirst = -1;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) Files.delete(p);
        }
        appended = durable = snapshotSeq = 0;
    }

    /** The highest sequence number on the disk. */
    public long durableSeq() { return durable; }

    public long snapshotSeq() { return snapshotSeq; }

    public Path directory() { return dir; }

    private void writeSnapshot(long seq, long businessDay, BookingState state, String sessions) throws IOException {
        Path tmp = dir.resolve(String.format("snapshot-%020d.tmp", seq));
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(SnapshotText.write(seq, businessDay, state, sessions).getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) c.write(b);
            c.force(true);
        }
        Files.move(tmp, dir.resolve(String.format("snapshot-%020d.snap", seq)), StandardCopyOption.ATOMIC_MOVE);
        forceDirectory();
        snapshotSeq = seq;
        durable = Math.max(durable, seq);
    }

    /** Segments that start at or before {@code seq} are covered (a new one starts after a snapshot), and older snapshots. */
    private void deleteCovered(long seq) throws IOException {
        for (Path p : files(SEGMENT, false)) if (firstSeq(p, SEGMENT) <= seq) Files.delete(p);
        for (Path p : files(SNAPSHOT, false)) if (firstSeq(p, SNAPSHOT) < snapshotSeq) Files.delete(p);
    }

    private void deleteLeftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) Files.delete(p);
        }
    }

    private List<Path> files(Pattern kind, boolean newestFirst) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            Comparator<Path> bySeq = Comparator.comparingLong(p -> firstSeq(p, kind));
            return s.filter(p -> kind.matcher(p.getFileName().toString()).matches())
                    .sorted(newestFirst ? bySeq.reversed() : bySeq).toList();
        }
    }

    private static long firstSeq(Path p, Pattern kind) {
        Matcher m = kind.matcher(p.getFileName().toString());
        if (!m.matches()) throw new IllegalArgumentException(p.toString());
        return Long.parseLong(m.group(1));
    }

    private static void truncate(Path p, int length) throws IOException {
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
            c.truncate(length);
            c.force(true);
        }
    }

    private void closeSegment() throws IOException {
        if (segment != null) {
            segment.close();
            segment = null;
        }
    }

    private void forceDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    @Override
    public void close() throws IOException { closeSegment(); }
}
