package dmtbs.replica.durable;

import dmtbs.booking.BookingState;
import dmtbs.booking.Request;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.RequestId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurableStoreTest {

    @TempDir
    Path dir;

    private static OrderedRequest request(long seq) {
        return new OrderedRequest(seq, 20_600 + seq / 100, new RequestId("FrontEnd-1-1", seq), seq, null,
                new Request.BookMovieTickets("ATWC0001", "ATWC0001", "ATWM261126", "Avatar", 1));
    }

    private static final BookingState STATE = new BookingState(
            List.of(new BookingState.Show("Avatar", "ATWM261126", 10)),
            List.of(new BookingState.Booking("ATWC0001", "Avatar", "ATWM261126", 3)));

    private void write(long from, long to, boolean syncEach) throws IOException {
        try (DurableStore s = DurableStore.open(dir)) {
            s.recover();
            for (long seq = from; seq <= to; seq++) {
                s.append(request(seq));
                if (syncEach) s.sync();
            }
            s.sync();
        }
    }

    private static List<Long> seqs(DurableStore.Recovered r) { return r.tail().stream().map(OrderedRequest::seq).toList(); }

    private static List<Long> range(long from, long to) { return LongStream.rangeClosed(from, to).boxed().toList(); }

    private Path onlySegment() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> segments = s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
            return segments.get(segments.size() - 1);
        }
    }

    @Test
    void whatWasSyncedComesBackInOrderAcrossRestarts() throws IOException {
        write(1, 50, true);
        write(51, 80, false);                         // a second run continues in a new segment
        try (DurableStore s = DurableStore.open(dir)) {
            DurableStore.Recovered r = s.recover();
            assertEquals(range(1, 80), seqs(r));
            assertEquals(request(42), r.tail().get(41));
            assertNull(r.cut());
            assertEquals(80, r.lastSeq());
            assertEquals(80, s.durableSeq());
        }
    }

    @Test
    void nothingBufferedIsDurableBeforeSync() throws IOException {
        try (DurableStore s = DurableStore.open(dir)) {
            s.recover();
            s.append(request(1));
            s.sync();
            s.append(request(2));                       // never synced: the process dies here
            assertEquals(1, s.durableSeq());
        }
        try (DurableStore s = DurableStore.open(dir)) {
            assertEquals(range(1, 1), seqs(s.recover()));
        }
    }

    @Test
    void aTornTailIsCutAndReportedAndNeverReturned() throws IOException {
        write(1, 20, true);
        Path seg = onlySegment();
        long size = Files.size(seg);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(size - 5);                      // the last record's write did not finish
        }
        try (DurableStore s = DurableStore.open(dir)) {
            DurableStore.Recovered r = s.recover();
            assertEquals(range(1, 19), seqs(r));
            assertNotNull(r.cut());
            assertTrue(r.cut().contains("cut short") && r.cut().contains("at seq 19"), r.cut());
        }
        // The cut is on the disk: the next start finds a clean log, and what follows goes on from 20.
        write(20, 25, true);
        try (DurableStore s = DurableStore.open(dir)) {
            DurableStore.Recovered r = s.recover();
            assertEquals(range(1, 25), seqs(r));
            assertNull(r.cut());
        }
    }

    @Test
    void aDamagedByteEndsTheLogAtTheRecordBeforeIt() throws IOException {
        write(1, 20, true);
        Path seg = onlySegment();
        byte[] b = Files.readAllBytes(seg);
        int perRecord = b.length / 20;
        b[perRecord * 10 + RecordFrame.HEADER + 3] ^= 0x40;   // inside the 11th record's payload
        Files.write(seg, b);
        try (DurableStore s = DurableStore.open(dir)) {
            DurableStore.Recovered r = s.recover();
            assertEquals(range(1, 10), seqs(r));
            assertTrue(r.cut().contains("checksum"), r.cut());
        }
    }

    @Test
    void aSnapshotReplacesTheLogItCoversAndRecoveryStartsFromIt() throws IOException {
        try (DurableStore s = DurableStore.open(dir)) {
            s.recover();
            for (long seq = 1; seq <= 30; seq++) s.append(request(seq));
            s.snapshot(30, 20_601, STATE, "");
            for (long seq = 31; seq <= 35; seq++) s.append(request(seq));
            s.sync();
            assertEquals(30, s.snapshotSeq());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("log-00000000000000000031.seg", "snapshot-00000000000000000030.snap"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "the covered segment is gone");
        }
        try (DurableStore s = DurableStore.open(dir)) {
            DurableStore.Recovered r = s.recover();
            assertEquals(30, r.snapshot().seq());
            assertEquals(20_601, r.snapshot().businessDay());
            assertEquals(STATE, r.snapshot().state());
            assertEquals(range(31, 35), seqs(r));
        }
    }

    @Test
    void anInstalledStateDropsHistoryBeyondIt() throws IOException {
        write(1, 40, true);
        try (DurableStore s = DurableStore.open(dir)) {
            s.recover();
            s.installed(25, 20_601, STATE, "");             // the group agreed on seq 25: 26..40 were this replica's alone
            s.append(request(26));
            s.sync();
        }
        try (DurableStore s = DurableStore.open(dir)) {
            DurableStore.Recovered r = s.recover();
            assertEquals(25, r.snapshot().seq());
            assertEquals(range(26, 26), seqs(r));
        }
    }

    @Test
    void aDamagedSnapshotIsNotTakenForAState() {
        String text = SnapshotText.write(7, 20_601, STATE, "").replace("ATWC0001\tAvatar\tATWM261126\t3", "ATWC0001\tAvatar\tATWM261126\t9");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnapshotText.read(text));
        assertTrue(e.getMessage().contains("digest"), e.getMessage());
        assertEquals(STATE, SnapshotText.read(SnapshotText.write(7, 20_601, STATE, "")).state());
    }

    @Test
    void clientSessionsTravelInTheSnapshotAndADamagedOneIsRefused() {
        String sessions = "c.1\t4\tOK BOOKED ATWC0001 ATWM261126 Avatar 3\n";
        SnapshotText.Snapshot back = SnapshotText.read(SnapshotText.write(7, 20_601, STATE, sessions));
        assertEquals(STATE, back.state());
        assertEquals(sessions, back.sessions());
        String damaged = SnapshotText.write(7, 20_601, STATE, sessions).replace("\t4\t", "\t5\t");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnapshotText.read(damaged));
        assertTrue(e.getMessage().contains("sessions"), e.getMessage());
        String v1 = SnapshotText.write(7, 20_601, STATE, "").replaceFirst("DMTBS-SNAPSHOT 2\nseq 7\nday 20601\n(digest \\w+)\nsessions 0 \\w+\n",
                "DMTBS-SNAPSHOT 1\nseq 7\nday 20601\n$1\n");
        assertTrue(v1.startsWith("DMTBS-SNAPSHOT 1"), v1);
        assertEquals(STATE, SnapshotText.read(v1).state(), "a snapshot written before sessions existed");
    }

    @Test
    void framesRejectImpossibleLengthsWithoutAllocating() {
        byte[] lie = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 1, 2, 3};
        RecordFrame.Scan scan = RecordFrame.scan(lie);
        assertEquals(0, scan.validLength());
        assertTrue(scan.problem().contains("impossible record length"), scan.problem());
    }
}
