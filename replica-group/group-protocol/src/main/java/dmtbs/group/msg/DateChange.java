package dmtbs.group.msg;

import java.time.LocalDate;

/**
 * An ordered move of the business date to {@code epochDay}. Every member applies it on delivery, so
 * whichever member orders next stamps that date from the following request on; one that would take
 * the date back (earlier than the date stamped on itself: two changes raced) changes nothing, on
 * every member alike.
 */
public record DateChange(long epochDay) implements Control {

    public DateChange {
        LocalDate.ofEpochDay(epochDay);       // a day no LocalDate holds throws: such bytes never decode
    }

    public DateChange(LocalDate date) { this(date.toEpochDay()); }

    public LocalDate date() { return LocalDate.ofEpochDay(epochDay); }
}
