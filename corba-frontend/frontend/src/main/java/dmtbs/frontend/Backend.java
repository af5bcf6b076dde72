package dmtbs.frontend;

import dmtbs.booking.Request;
import dmtbs.booking.Result;

import java.util.concurrent.CompletableFuture;

/** Where the front end sends a call: the replicated group, or (for comparison) one local implementation. */
public interface Backend extends AutoCloseable {

    /** Completes with the agreed result, or exceptionally with {@link UnavailableException}. */
    CompletableFuture<Result> execute(Request request);

    @Override default void close() {}

    /** No two replicas agreed in time, or the group is not ready. */
    final class UnavailableException extends RuntimeException {
        public UnavailableException(String message) { super(message, null, false, false); }
    }
}
