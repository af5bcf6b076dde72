package dmtbs.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatenciesTest {

    @Test
    void percentilesAreOverEveryClientsCallsHoweverManyEachMade() {
        Latencies many = new Latencies(), one = new Latencies();
        for (int i = 1; i <= 20_000; i++) many.record(i);     // past the first array: it grows
        one.record(1_000_000);
        Latencies.Percentiles p = Latencies.over(List.of(one, many));
        assertEquals(20_001, p.count());
        assertEquals(10_001, p.p50Nanos());                    // index 10,000 of the 20,001 sorted
        assertEquals(19_801, p.p99Nanos());                    // index (int) (20,001 * 0.99) = 19,800
    }

    @Test
    void noCallsGiveZeroes() {
        assertEquals(new Latencies.Percentiles(0, 0, 0), Latencies.over(List.of(new Latencies(), new Latencies())));
        assertEquals(new Latencies.Percentiles(1, 7, 7), Latencies.over(List.of(single(7))));
    }

    private static Latencies single(long nanos) {
        Latencies l = new Latencies();
        l.record(nanos);
        return l;
    }
}
