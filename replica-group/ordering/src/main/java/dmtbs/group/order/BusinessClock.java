package dmtbs.group.order;

import java.time.LocalDate;

/**
 * The business date stamped on ordered requests (SPEC.md §2): the wall-clock date in
 * America/Montreal, or a pinned date, and never earlier than a date already stamped. Pure: the
 * caller supplies the wall-clock date.
 */
public final class BusinessClock {

    private LocalDate last;
    private LocalDate pinned;

    public BusinessClock(LocalDate pinned) { this.pinned = pinned; }

    /** The date to stamp now, given today's wall-clock date; never goes backwards. */
    public LocalDate stamp(LocalDate wallToday) {
        LocalDate candidate = pinned != null ? pinned : wallToday;
        if (last == null || candidate.isAfter(last)) last = candidate;
        return last;
    }

    /** Moves a pinned date forward; an earlier date is refused (returns false). */
    public boolean pin(LocalDate date) {
        LocalDate floor = pinned != null ? pinned : last;
        if (floor != null && date.isBefore(floor)) return false;
        pinned = date;
        return true;
    }

    /** The date a request ordered now would get, without stamping anything. */
    public LocalDate current(LocalDate wallToday) {
        LocalDate candidate = pinned != null ? pinned : wallToday;
        return last != null && last.isAfter(candidate) ? last : candidate;
    }

    /** Learns a date already stamped by an earlier sequencer (from the delivered order). */
    public void observe(LocalDate stamped) {
        if (last == null || stamped.isAfter(last)) last = stamped;
    }

    public LocalDate pinned() { return pinned; }
}
