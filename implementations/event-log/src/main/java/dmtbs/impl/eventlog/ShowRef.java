package dmtbs.impl.eventlog;

import dmtbs.booking.Area;
import dmtbs.booking.ShowId;

import java.time.LocalDate;

/** A well-formed (movieID, movieName) pair from a request, with its packed key. */
record ShowRef(ShowId id, String movieName, long key) {

    /** The show named by these two arguments, or null if either is malformed. */
    static ShowRef parse(String movieID, String movieName) {
        ShowId id = ShowId.parse(movieID);
        int movie = Keys.movieRank(movieName);
        if (id == null || movie < 0) return null;
        return new ShowRef(id, movieName, Keys.show(id.date(), id.slot(), id.area(), movie));
    }

    Area theatre() { return id.area(); }

    LocalDate date() { return id.date(); }

    String movieID() { return id.text(); }

    boolean isBefore(LocalDate today) { return id.date().isBefore(today); }

    /** {@code <movieID> <movieName>}, as the success strings write a show. */
    String label() { return id.text() + " " + movieName; }
}
