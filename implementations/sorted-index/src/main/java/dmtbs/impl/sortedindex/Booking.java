package dmtbs.impl.sortedindex;

/** The seats one customer holds of one show; shared by the bookings index and the show's holders. */
final class Booking {
    final String customer;
    final Show show;
    int seats;

    Booking(String customer, Show show) {
        this.customer = customer;
        this.show = show;
    }
}
