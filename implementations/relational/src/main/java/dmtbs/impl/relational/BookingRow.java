package dmtbs.impl.relational;

/**
 * A row of BOOKINGS(customer_id, movie_name, movie_id, seats); (movie_name, movie_id) is the
 * {@link ShowKey} of the show booked. The constructor is the table's CHECK constraint.
 */
record BookingRow(Customer customer, ShowKey show, int seats) {
    BookingRow {
        if (seats < 1) throw new IllegalArgumentException("CHECK violated: " + customer + " " + show + " seats " + seats);
    }

    BookingRow withSeats(int newSeats) { return new BookingRow(customer, show, newSeats); }

    /** (customer_id, show order) as one number: the primary key, and the sort key of a customer's bookings. */
    long customerMajorKey() { return customerMajor(customer.number(), show.order()); }

    /** (show order, customer_id) as one number: the sort key of a show's holders. */
    long showMajorKey() { return showMajor(show.order(), customer.number()); }

    static long customerMajor(int customerNumber, long showOrder) {
        return ((long) customerNumber << ShowKey.ORDER_BITS) + showOrder;
    }

    static long showMajor(long showOrder, int customerNumber) {
        return (showOrder << Customer.NUMBER_BITS) + customerNumber;
    }
}
