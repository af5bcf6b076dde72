package dmtbs.impl.relational;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.BookingState;
import dmtbs.booking.RefusalCode;
import dmtbs.booking.Request;
import dmtbs.booking.Result;

import java.time.LocalDate;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;

/**
 * The booking rules over a small embedded, in-memory relational store.
 *
 * <h2>Data</h2>
 * Two {@link Table}s of immutable row objects with integer row ids and a free list of deleted ids:
 * <ul>
 *   <li>SHOWS(movie_name, movie_id, theatre, slot, date, capacity, booked) — hash primary key on
 *       (movie_name, movie_id); sorted index on (movie, date, slot, theatre) for the list; sorted index on
 *       (movie, theatre, date, slot) for the target of a removal move. {@code booked} is kept equal to
 *       the sum of the show's booking seats, and a CHECK in the row constructor enforces rule 1.</li>
 *   <li>BOOKINGS(customer_id, movie_name, movie_id, seats) — hash primary key; sorted index on
 *       (customer_id, show order) for the schedule, the ISO-week count of rule 4 and the same-slot
 *       lookup of rule 5; sorted index on (show, customer_id) for a removal's holders in customer order.</li>
 * </ul>
 * Show order (date, slot, theatre, movie) is encoded as one number per show ({@link ShowKey}) and a
 * customer ID as a number in its string order ({@link Customer}), so composite index keys are longs and
 * every query is a point lookup or a range scan of what it returns: O(log n + k), never a table scan.
 *
 * <h2>Rules</h2>
 * {@link BookingRules} evaluates each operation's refusal chain in SPEC order: all well-formedness checks,
 * then authorisation ({@link RequestChecks}), then the state checks as queries (show by primary key;
 * rule 5 as a range of the customer's bookings at that date and slot; rule 4 as a range over the ISO week,
 * counting rows of other theatres — one row per show — only when the show is foreign and not yet held;
 * seats from {@code capacity - booked}).
 *
 * <h2>Atomicity</h2>
 * Every write runs in a {@link Transaction} whose undo log records each row insert, update and delete.
 * A refusal found mid-operation, or any unexpected exception, rolls the log back, so an exchange (release
 * the old seats, then run the whole book chain for the new show against the released state) and a
 * removal (move each holder, then delete the show) happen entirely or not at all. Import runs in one too.
 *
 * <h2>Concurrency</h2>
 * A {@link StampedLock}: writes and import take the write stamp for the whole transaction; list and
 * schedule first run as an optimistic read, checked per row read and validated at the end, and are
 * redone under a read lock if a writer interfered. Export takes a read lock.
 *
 * <p>Interpretations: an unexpected internal error is answered as {@code BAD_REQUEST} after rollback
 * (never thrown; the vote will outnumber it); a null request or business date is {@code BAD_REQUEST};
 * importing a state whose IDs or movie names are malformed is refused with
 * {@link IllegalArgumentException} and leaves the old state in place.
 */
public final class RelationalMachine implements BookingMachine {
    private final StampedLock lock = new StampedLock();
    private final BookingDatabase db = new BookingDatabase();
    private final BookingRules rules = new BookingRules(db);

    public RelationalMachine() {}

    @Override public String name() { return "relational"; }

    @Override
    public Result apply(Request request, LocalDate businessDate) {
        try {
            if (request == null || businessDate == null)
                throw new Refusal(RefusalCode.BAD_REQUEST, "missing request or business date");
            return request.readOnly() ? read(request, businessDate) : write(request, businessDate);
        } catch (Refusal refusal) {
            return refusal.toResult();
        } catch (RuntimeException bug) {
            return new Result.Refused(RefusalCode.BAD_REQUEST, "internal error: " + bug);
        }
    }

    private Result write(Request request, LocalDate today) {
        long stamp = lock.writeLock();
        try {
            return inTransaction(tx -> rules.execute(request, today, tx));
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private Result read(Request request, LocalDate today) {
        long optimistic = lock.tryOptimisticRead();
        if (optimistic != 0) {
            try {
                Result result = rules.query(request, today, () -> {
                    if (!lock.validate(optimistic)) throw StaleRead.INSTANCE;
                });
                if (lock.validate(optimistic)) return result;
            } catch (Refusal refusal) {
                throw refusal; // read refusals depend on the request alone, never on the state
            } catch (RuntimeException torn) {
                // A writer changed the maps under us; redo under the read lock.
            }
        }
        long stamp = lock.readLock();
        try {
            return rules.query(request, today, ReadGuard.LOCKED);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Runs {@code body} in a transaction: committed if it returns, rolled back if it throws anything. */
    private <T> T inTransaction(java.util.function.Function<Transaction, T> body) {
        Transaction tx = db.begin();
        try {
            T result = body.apply(tx);
            tx.commit();
            return result;
        } finally {
            if (tx.isOpen()) tx.rollback();
        }
    }

    @Override
    public BookingState exportState() {
        long stamp = lock.readLock();
        try {
            return db.export();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void importState(BookingState state) {
        Objects.requireNonNull(state, "state");
        long stamp = lock.writeLock();
        try {
            inTransaction(tx -> {
                db.replaceAll(tx, state);
                return null;
            });
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Thrown by the optimistic read guard; preallocated, it carries no information. */
    private static final class StaleRead extends RuntimeException {
        static final StaleRead INSTANCE = new StaleRead();

        private StaleRead() { super("stale optimistic read", null, false, false); }
    }
}
