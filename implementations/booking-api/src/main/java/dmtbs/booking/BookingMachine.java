package dmtbs.booking;

import java.time.LocalDate;

/**
 * The booking rules as a deterministic state machine (booking-rules.md). A replica feeds it requests in
 * sequence order; every correct implementation returns byte-identical {@link Result#canonical()}
 * texts and reaches equal {@link #digest()}s after the same prefix of requests.
 *
 * <p>Contract: no clocks (the business date comes with each request), no randomness, no I/O, no
 * dependence on hash iteration order; malformed input yields a {@code BAD_REQUEST} result, never an
 * exception. Implementations need not be thread-safe unless they say so: a replica applies requests
 * one at a time.
 */
public interface BookingMachine {

    /** A short stable name of this implementation's design, e.g. {@code nested-maps}. */
    String name();

    /** Applies one request as of {@code businessDate} ("today" for every rule). */
    Result apply(Request request, LocalDate businessDate);

    /** The whole state in the implementation-neutral form of booking-rules.md §6. */
    BookingState exportState();

    /** Replaces the whole state by {@code state} (never merges into the old one). */
    void importState(BookingState state);

    /** SHA-256 of the canonical text of the state, 64 lowercase hex digits. */
    default String digest() { return exportState().digest(); }
}
