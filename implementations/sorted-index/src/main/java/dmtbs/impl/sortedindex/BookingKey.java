package dmtbs.impl.sortedindex;

/**
 * Bookings are sorted by customer, then show order: one customer's schedule is a contiguous range,
 * and the part of it dated in one ISO week is a sub-range.
 */
record BookingKey(String customer, ShowKey show) implements Comparable<BookingKey> {

    @Override public int compareTo(BookingKey other) {
        int byCustomer = customer.compareTo(other.customer);
        return byCustomer != 0 ? byCustomer : show.compareTo(other.show);
    }
}
