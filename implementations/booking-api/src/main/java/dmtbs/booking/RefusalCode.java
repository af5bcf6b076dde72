package dmtbs.booking;

/** Why a rule said no (booking-rules.md §4). The name is the wire form; never rely on ordinals. */
public enum RefusalCode {
    BAD_REQUEST,
    NOT_AUTHORIZED,
    OUTSIDE_WINDOW,
    CAPACITY_BELOW_BOOKED,
    NO_SUCH_SHOW,
    PAST_SHOW,
    NOT_BOOKED,
    SAME_SHOW_OTHER_THEATRE,
    FOREIGN_LIMIT,
    NOT_ENOUGH_SEATS
}
