package dmtbs.booking.fault;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.BookingState;
import dmtbs.booking.RefusalCode;
import dmtbs.booking.Request;
import dmtbs.booking.Result;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns any implementation into a faulty one, for fault injection. The inner machine keeps its
 * correct state; in {@link Mode#BYZANTINE} every answer is replaced by a different, seeded random
 * one (a software bug that answers wrongly), and {@link #corruptState()} silently damages the state
 * while answers stay right until the damage is touched. All choices come from the seed.
 */
public final class FaultyMachine implements BookingMachine {

    public enum Mode { HONEST, BYZANTINE }

    private final BookingMachine inner;
    private final SplittableRandom random;
    private volatile Mode mode = Mode.HONEST;

    public FaultyMachine(BookingMachine inner, long seed) {
        this.inner = inner;
        this.random = new SplittableRandom(seed);
    }

    public void setMode(Mode mode) { this.mode = mode; }

    public Mode mode() { return mode; }

    public BookingMachine inner() { return inner; }

    @Override public String name() { return inner.name(); }

    @Override
    public Result apply(Request request, LocalDate businessDate) {
        Result right = inner.apply(request, businessDate);
        return mode == Mode.BYZANTINE ? wrong(right) : right;
    }

    /** A result whose canonical text is guaranteed to differ from {@code right}. */
    Result wrong(Result right) {
        Result w;
        do {
            RefusalCode[] codes = RefusalCode.values();
            w = switch (random.nextInt(3)) {
                case 0 -> new Result.Refused(codes[random.nextInt(codes.length)], "injected");
                case 1 -> new Result.Done("BOOKED " + random.nextInt(1_000_000));
                default -> new Result.Shows(List.of(new Result.ShowAvailability("ATWM010126", "Avatar",
                        random.nextInt(100))));
            };
        } while (w.canonical().equals(right.canonical()));
        return w;
    }

    /**
     * Silently damages the state: one show's capacity grows by one (or, with no show, a show appears).
     * Answers stay correct until a request depends on the damaged show; digests differ at once.
     */
    public void corruptState() {
        BookingState s = inner.exportState();
        List<BookingState.Show> shows = new ArrayList<>(s.shows());
        if (shows.isEmpty()) {
            shows.add(new BookingState.Show("Avatar", "ATWM010101", 1));
        } else {
            int i = random.nextInt(shows.size());
            BookingState.Show old = shows.get(i);
            shows.set(i, new BookingState.Show(old.movieName(), old.movieID(), old.capacity() + 1));
        }
        inner.importState(new BookingState(shows, s.bookings()));
    }

    @Override public BookingState exportState() { return inner.exportState(); }

    @Override public void importState(BookingState state) { inner.importState(state); }

    @Override public String digest() { return inner.digest(); }
}
