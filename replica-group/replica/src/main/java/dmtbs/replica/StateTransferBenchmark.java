package dmtbs.replica;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.BookingState;
import dmtbs.catalog.ApplyBenchmark;
import dmtbs.catalog.Implementations;
import dmtbs.group.msg.CheckpointReport;
import dmtbs.group.msg.Codec;

/**
 * What a state transfer costs apart from the network: for 10,000 shows and 50,000 bookings, each
 * implementation's export, the wire encoding, decoding (with validation), import into another
 * implementation and the digest check. Prints figures; asserts nothing.
 */
public final class StateTransferBenchmark {
    private StateTransferBenchmark() {}

    public static void main(String[] args) {
        BookingState big = ApplyBenchmark.largeState(7, 10_000, 50_000);
        for (int round = 0; round < 3; round++) {                 // the first rounds warm the JIT up
            boolean print = round == 2;
            if (print) System.out.printf("%-13s %-13s %8s %8s %8s %8s %8s %9s%n", "from", "to", "export", "encode",
                    "decode", "import", "digest", "bytes");
            for (int i = 0; i < Implementations.NAMES.size(); i++) {
                BookingMachine from = Implementations.create(Implementations.NAMES.get(i));
                BookingMachine to = Implementations.create(Implementations.NAMES.get((i + 1) % Implementations.NAMES.size()));
                from.importState(big);
                long t0 = System.nanoTime();
                BookingState s = from.exportState();
                long t1 = System.nanoTime();
                byte[] bytes = Codec.encode(new CheckpointReport("R1", from.name(), 1, s.digest(), 0, s));
                long t2 = System.nanoTime();
                CheckpointReport r = (CheckpointReport) Codec.decode(bytes, 0, bytes.length);
                long t3 = System.nanoTime();
                to.importState(r.state());
                long t4 = System.nanoTime();
                String digest = to.digest();
                long t5 = System.nanoTime();
                if (!digest.equals(r.digest())) throw new AssertionError("digest mismatch after transfer");
                if (print) System.out.printf("%-13s %-13s %6.0fms %6.0fms %6.0fms %6.0fms %6.0fms %9d%n", from.name(), to.name(),
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6, bytes.length);
            }
        }
    }
}
