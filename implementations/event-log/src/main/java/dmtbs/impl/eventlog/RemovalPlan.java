package dmtbs.impl.eventlog;

import dmtbs.impl.eventlog.DomainEvent.SeatsReturned;
import dmtbs.impl.eventlog.DomainEvent.SeatsTaken;
import dmtbs.impl.eventlog.DomainEvent.ShowDeleted;
import dmtbs.impl.eventlog.ReadModel.ShowRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides every event of removing a show (SPEC §5) before any is applied: holders in customerID
 * order, each moving all their seats to the earliest later show of the same movie at the same theatre
 * that still has room. Seats promised to earlier holders count as taken for later ones, exactly as if
 * each customer had been moved before the next is considered.
 */
final class RemovalPlan {

    private final ReadModel views;
    private final ShowRow removed;
    private final Map<Long, Integer> promised = new HashMap<>();
    private final List<DomainEvent> events = new ArrayList<>();
    private final StringBuilder report;

    RemovalPlan(ReadModel views, ShowRow removed) {
        this.views = views;
        this.removed = removed;
        this.report = new StringBuilder("REMOVED ").append(removed.movieID()).append(' ').append(removed.movieName());
        for (int customer : views.holdersOf(removed.key())) move(customer);
        events.add(new ShowDeleted(removed.key()));
    }

    List<DomainEvent> events() { return events; }

    /** The success string: {@code REMOVED <id> <name>} and one {@code  <customer>:<n>><target|NONE>} per holder. */
    String report() { return report.toString(); }

    private void move(int customer) {
        int seats = views.seats(customer, removed.key());
        events.add(new SeatsReturned(customer, removed.key(), seats));
        ShowRow target = nextShowWithRoomFor(seats);
        report.append(' ').append(Keys.customerText(customer)).append(':').append(seats).append('>');
        if (target == null) {
            report.append("NONE");
            return;
        }
        events.add(new SeatsTaken(customer, target.key(), seats));
        promised.merge(target.key(), seats, Integer::sum);
        report.append(target.movieID());
    }

    /**
     * Walks the same movie's later shows in show order, skipping other theatres. Cost: the later
     * shows passed over for lack of room, usually none.
     */
    private ShowRow nextShowWithRoomFor(int seats) {
        int theatre = Keys.theatreOf(removed.key());
        for (ShowRow candidate : views.showsOfMovieAfter(Keys.movieOf(removed.key()), removed.key())) {
            if (Keys.theatreOf(candidate.key()) != theatre) continue;
            if (candidate.free() - promised.getOrDefault(candidate.key(), 0) >= seats) return candidate;
        }
        return null;
    }
}
