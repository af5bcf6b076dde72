package dmtbs.impl.relational;

/**
 * A row of SHOWS(movie_name, movie_id, theatre, slot, date, capacity, booked); the first five
 * columns are {@link ShowKey}. {@code booked} is the sum of the show's BOOKINGS seats, kept by
 * the database on every booking write. The constructor is the table's CHECK constraint (rule 1).
 */
record ShowRow(ShowKey key, int capacity, int booked) {
    ShowRow {
        if (capacity < 1 || booked < 0 || booked > capacity)
            throw new IllegalArgumentException("CHECK violated: " + key + " capacity " + capacity + " booked " + booked);
    }

    int freeSeats() { return capacity - booked; }

    ShowRow withCapacity(int newCapacity) { return new ShowRow(key, newCapacity, booked); }

    ShowRow withBooked(int newBooked) { return new ShowRow(key, capacity, newBooked); }
}
