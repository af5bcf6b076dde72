package dmtbs.impl.eventlog;

/**
 * Seats of one show that a check treats as already given back: exchange (rule 8) checks the new
 * booking as it would be after the old seats are released, without releasing them yet.
 */
record Release(long show, int seats) {

    static final Release NOTHING = new Release(-1, 0);

    /** The seats a customer would hold of {@code show}, now holding {@code held}. */
    int seatsAfter(long show, int held) { return show == this.show ? held - seats : held; }
}
