package dmtbs.impl.sortedindex;

/**
 * Seats an exchange is about to give back. The new show is judged as if they were already released,
 * without touching the state, so a refused exchange leaves nothing to undo. A plain booking uses
 * {@link #NONE}.
 */
record Release(Booking booking, int seats) {

    static final Release NONE = new Release(null, 0);

    /** Seats of {@code b} still held once this release is done (0 for no booking). */
    int seatsAfter(Booking b) {
        if (b == null) return 0;
        return b == booking ? b.seats - seats : b.seats;
    }
}
