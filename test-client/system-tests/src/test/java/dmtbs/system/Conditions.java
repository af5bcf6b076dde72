package dmtbs.system;

import java.time.Duration;

/** Waiting for a condition in a test, with a bound: never a bare sleep in its place. */
final class Conditions {

    private Conditions() {}

    interface Check { boolean holds() throws Exception; }

    /** Polls until {@code check} holds (an exception counts as not yet), failing after {@code timeout}. */
    static void awaitTrue(Duration timeout, String what, Check check) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) return;
            } catch (Exception e) {
                // not yet: a process starting, a host cut off
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + ": not within " + timeout.toSeconds() + " s");
    }
}
