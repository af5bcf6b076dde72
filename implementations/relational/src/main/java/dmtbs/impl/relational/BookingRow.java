package dmtbs.impl.relational;

/**
 * A row of BOOKINGS(customer_id, movie_name, movie_id, seats); (movie_name, movie_id) is the
 * {@link ShowKey} of the show booked. The constructor is the table's CHECK constraint.
 */
record BookingRow(String customerId, ShowKey show, int seats) {
    BookingRow {
        if (seats < 1) throw new IllegalArgumentException("CHECK violated: " + customerId + " " + show + " seats " + seats);
    }

    BookingRow withSeats(int newSeats) { return new BookingRow(customerId, show, newSeats); }

    /** Primary key (customer_id, movie_name, movie_id). */
    record Key(String customerId, ShowKey show) {}

    /** Key of the index on (customer_id, show order): a customer's schedule, a week, a slot. */
    record ByCustomer(String customerId, long showOrder) implements Comparable<ByCustomer> {
        public int compareTo(ByCustomer o) {
            int c = customerId.compareTo(o.customerId);
            return c != 0 ? c : Long.compare(showOrder, o.showOrder);
        }
    }

    /** Key of the index on (show, customer_id): a show's holders in ascending customer ID order. */
    record ByShow(long showOrder, String customerId) implements Comparable<ByShow> {
        public int compareTo(ByShow o) {
            int c = Long.compare(showOrder, o.showOrder);
            return c != 0 ? c : customerId.compareTo(o.customerId);
        }
    }

    Key key() { return new Key(customerId, show); }

    ByCustomer byCustomer() { return new ByCustomer(customerId, show.order()); }

    ByShow byShow() { return new ByShow(show.order(), customerId); }
}
