package dmtbs.yardstick;

import dmtbs.client.Latencies;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResultTest {

    @Test
    void figuresAreTheBenchsPercentilesOverEveryClientsCalls() {
        Latencies a = new Latencies(), b = new Latencies();
        for (int i = 1; i <= 50; i++) a.record(i * 1_000L);
        for (int i = 51; i <= 100; i++) b.record(i * 1_000L);
        Result r = Result.of(List.of(b, a), 1, 10, "a follower");
        assertEquals(100, r.ops());
        assertEquals(1, r.errors());
        assertEquals(51_000L, r.p50Nanos());
        assertEquals(100_000L, r.p99Nanos());
        assertEquals(10.0, r.opsPerSecond());
    }

    @Test
    void theLineReadsBackAsTheSameResult() {
        Result r = new Result(77_331, 2, 20.0, 901_000, 3_620_000, "a follower");
        assertEquals(r, Result.parse(r.line()));
    }

    @Test
    void aLineThatIsNotAResultIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Result.parse("ops=1 errors=0 seconds=1 p50=1 p99=1"));
        assertEquals("not a yardstick result: 'ops=1 errors=0 seconds=1 p50=1 p99=1'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Result.parse("ops=1 errors=0 secs=1 p50=1 p99=1 through=x"));
    }
}
