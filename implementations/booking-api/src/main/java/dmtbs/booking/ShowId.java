package dmtbs.booking;

import java.time.LocalDate;

/**
 * A well-formed show (slot) ID: area + slot letter + DDMMYY (year 20YY), e.g. {@code ATWE241126}.
 * A date that does not exist (31 Feb, 29 Feb of a non-leap year) is malformed: parse returns null.
 * This type only parses; ordering shows is each implementation's own business.
 */
public record ShowId(Area area, Slot slot, LocalDate date, String text) {

    public static ShowId parse(String s) {
        if (s == null || s.length() != 10) return null;
        Area area = Area.ofCode(s.substring(0, 3));
        Slot slot = Slot.ofLetter(s.charAt(3));
        int day = Ascii.digits(s, 4, 2);
        int month = Ascii.digits(s, 6, 2);
        int year = Ascii.digits(s, 8, 2);
        if (area == null || slot == null || day < 1 || month < 1 || month > 12 || year < 0) return null;
        int year4 = 2000 + year;
        if (day > java.time.YearMonth.of(year4, month).lengthOfMonth()) return null;
        return new ShowId(area, slot, LocalDate.of(year4, month, day), s);
    }

    /** The ID text for a date, e.g. {@code of(ATW, E, 2026-11-24)} is {@code ATWE241126}. */
    public static ShowId of(Area area, Slot slot, LocalDate date) {
        if (date.getYear() < 2000 || date.getYear() > 2099) throw new IllegalArgumentException("year out of 20YY: " + date);
        String text = String.format("%s%s%02d%02d%02d", area.name(), slot.name(), date.getDayOfMonth(),
                date.getMonthValue(), date.getYear() % 100);
        return new ShowId(area, slot, date, text);
    }

    @Override public String toString() { return text; }
}
