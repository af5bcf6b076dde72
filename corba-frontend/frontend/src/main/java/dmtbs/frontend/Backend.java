package dmtbs.frontend;

import dmtbs.booking.Request;
import dmtbs.booking.Result;

import java.util.concurrent.CompletableFuture;

/** Where the front end sends a call: the replicated group, or (for comparison) one local implementation. */
public interface Backend extends AutoCloseable {

    /**
     * Completes with the agreed result, or exceptionally with {@link UnavailableException}.
     * {@code client} is the caller's identity for this call (null if it sent none): a retry with the
     * same identity gets the first call's result and is not applied twice.
     */
    CompletableFuture<Result> execute(Request request, dmtbs.group.msg.ClientKey client);

    @Override default void close() {}

    /** No two replicas agreed in time, or the group is not ready. */
    final class UnavailableException extends RuntimeException {
        public UnavailableException(String message) { super(message, null, false, false); }
    }
}
