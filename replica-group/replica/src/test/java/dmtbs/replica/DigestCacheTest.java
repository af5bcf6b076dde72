package dmtbs.replica;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DigestCacheTest {

    private static final long MS = 1_000_000;

    @Test
    void nothingToReuseAtFirst() {
        assertNull(new DigestCache().reusable(0, 0));
    }

    @Test
    void anUnchangedStateReusesItsDigest() {
        DigestCache c = new DigestCache();
        DigestCache.Digest d = new DigestCache.Digest("ab", 7, MS);
        c.store(3, d, 0);
        assertEquals(d, c.reusable(3, 3_600_000 * MS), "the same state version, however late");
    }

    @Test
    void aCheapDigestIsRecomputedOnceTheStateChanged() {
        DigestCache c = new DigestCache();
        c.store(3, new DigestCache.Digest("ab", 7, 5 * MS), 0);
        assertNull(c.reusable(4, 1));
    }

    @Test
    void aCostlyDigestStandsInForFiftyTimesItsCost() {
        DigestCache c = new DigestCache();
        c.store(2, new DigestCache.Digest("aa", 5, 300 * MS), 0);
        DigestCache.Digest d = new DigestCache.Digest("ab", 7, 200 * MS);
        c.store(3, d, 1_000 * MS);
        assertEquals(d, c.reusable(9, 1_000 * MS + 50 * 200 * MS - 1), "the answer names seq 7, not the latest");
        assertNull(c.reusable(9, 1_000 * MS + 50 * 200 * MS));
    }

    @Test
    void aChangeOutsideTheOrderForgetsEvenACostlyDigest() {
        DigestCache c = new DigestCache();
        c.store(2, new DigestCache.Digest("aa", 5, 300 * MS), 0);
        c.store(3, new DigestCache.Digest("ab", 7, 200 * MS), 0);
        c.forget();
        assertNull(c.reusable(4, MS));
        assertNull(c.reusable(3, MS), "not even for the version it was taken at");
    }

    @Test
    void oneSlowDigestAlone_aFreshJvm_isNotCostly() {
        DigestCache c = new DigestCache();
        c.store(3, new DigestCache.Digest("ab", 2, 300 * MS), 0);
        assertNull(c.reusable(4, MS), "the state changed and only the cold first digest was slow");
    }
}
