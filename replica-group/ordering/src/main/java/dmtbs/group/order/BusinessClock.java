package dmtbs.group.order;

import dmtbs.group.msg.DateChange;
import dmtbs.group.msg.OrderedRequest;

import java.time.LocalDate;

/**
 * The business date stamped on ordered requests (booking-rules.md §2): the wall-clock date in
 * America/Montreal, or the date pinned at launch, and never earlier than the day the order is at.
 * That day is all a member needs to know of the order's dates: each delivered request moves it to
 * its stamp, an ordered {@link DateChange} to its date ({@link #dayAfter}). Every member follows it
 * on delivery, so whichever member orders next continues from it. Pure: the caller supplies the
 * wall-clock date.
 */
public final class BusinessClock {

    private final LocalDate pinned;
    /** The day the order is at (epoch day): the latest stamped or changed to. */
    private long last = Long.MIN_VALUE;

    public BusinessClock(LocalDate pinned) { this.pinned = pinned; }

    /**
     * The business day from {@code r} on: its own stamp, or the date a date change moves to. A change
     * earlier than its own stamp, the date of the order when it was ordered, would take the date back
     * and changes nothing; decided from the ordered request alone, so every member decides alike.
     */
    public static long dayAfter(OrderedRequest r) {
        DateChange d = r.dateChange();
        return d == null ? r.epochDay() : Math.max(r.epochDay(), d.epochDay());
    }

    /** The day to stamp on a request ordered now (epoch day), given today's wall-clock date. */
    public long stamp(LocalDate wallToday) {
        last = Math.max(last, (pinned != null ? pinned : wallToday).toEpochDay());
        return last;
    }

    /** Follows the order past {@code r}, as the sequencer orders it and as every member delivers it. */
    public void follow(OrderedRequest r) { observe(dayAfter(r)); }

    /** Learns the day the order is at from elsewhere: a takeover's answers, a replica's disk. */
    public void observe(long day) { last = Math.max(last, day); }

    /** The date a request ordered now would get, without stamping anything. */
    public LocalDate current(LocalDate wallToday) {
        LocalDate candidate = pinned != null ? pinned : wallToday;
        return candidate.toEpochDay() >= last ? candidate : LocalDate.ofEpochDay(last);
    }
}
