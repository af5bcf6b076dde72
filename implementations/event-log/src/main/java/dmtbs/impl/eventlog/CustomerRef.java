package dmtbs.impl.eventlog;

import dmtbs.booking.Area;
import dmtbs.booking.UserId;

/** A well-formed customerID argument: a user ID with the customer role, and its packed code. */
record CustomerRef(UserId id, int code) {

    /** The customer named by {@code text}, or null if it is malformed or not a customer's ID. */
    static CustomerRef parse(String text) {
        UserId id = UserId.parse(text);
        return id == null || !id.isCustomer() ? null : new CustomerRef(id, Keys.customer(id));
    }

    /** The customer's own theatre, which rule 4 never counts. */
    Area home() { return id.area(); }

    String text() { return id.text(); }
}
