package dmtbs.launcher.history;

import dmtbs.booking.Request;

/**
 * One call as its client saw it: the call's identity (its client key, {@code client@retention}, the
 * same on every retry), what was asked, when the call started and ended ({@code System.nanoTime}),
 * and the answer's canonical text ({@code OK …}, {@code SHOWS […]}, {@code REFUSED CODE}), or null
 * when the outcome is unknown (Unavailable, a timeout, a broken connection: it may or may not have
 * been applied).
 */
public record RecordedCall(String key, Request request, long startNanos, long endNanos, String answer) {

    public boolean acknowledged() { return answer != null; }

    /** {@code OK} for a successful answer, the refusal code for a refusal, null when unknown. */
    public String outcome() { return outcomeOf(answer); }

    static String outcomeOf(String answer) {
        if (answer == null) return null;
        return answer.startsWith("REFUSED ") ? answer.substring("REFUSED ".length()) : "OK";
    }
}
