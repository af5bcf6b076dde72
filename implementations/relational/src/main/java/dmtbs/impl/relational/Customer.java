package dmtbs.impl.relational;

import dmtbs.booking.Area;
import dmtbs.booking.UserId;

/**
 * A well-formed customer ID with its theatre and its order-preserving number: every customer ID is
 * theatre code, 'C', four digits, so string order is (theatre code, digits), which the number keeps.
 */
record Customer(String id, Area theatre, int number) {
    private static final int PER_THEATRE = 10_000; // four digits
    /** Bits enough for every customer number (3 × 10,000 < 2^15). */
    static final int NUMBER_BITS = 15;

    static Customer of(UserId customer) {
        if (!customer.isCustomer()) throw new IllegalArgumentException("not a customer ID: " + customer);
        int digits = Integer.parseInt(customer.text().substring(4));
        return new Customer(customer.text(), customer.area(), Ranks.theatre(customer.area()) * PER_THEATRE + digits);
    }

    @Override public String toString() { return id; }
}
