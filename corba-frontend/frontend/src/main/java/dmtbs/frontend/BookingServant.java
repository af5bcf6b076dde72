package dmtbs.frontend;

import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.corba.DMTBS.Booking;
import dmtbs.corba.DMTBS.BookingServicePOA;
import dmtbs.corba.DMTBS.Refused;
import dmtbs.corba.DMTBS.ShowAvailability;
import dmtbs.corba.DMTBS.Unavailable;
import dmtbs.group.msg.ClientKey;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The CORBA face of the front end (dmtbs.idl). Each call becomes one request: refused at once if it
 * can never succeed ({@link RequestPrecheck}), turned away if the front end is full ({@link Admission}),
 * otherwise executed by the backend and answered with the agreed result. A caller that sent an
 * FT_REQUEST identity ({@code callerIdentity}, read on the calling thread) has it passed on, so that
 * its retries are answered without being applied again.
 */
public final class BookingServant extends BookingServicePOA {

    private final Backend backend;
    private final long deadlineMillis;
    private final Admission admission;
    private final Supplier<ClientKey> callerIdentity;
    private final FrontEndMetrics metrics;

    /** @param callerIdentity gives the identity of the call being served, null if it has none ({@link dmtbs.frontend.ft.CallerIdentity}) */
    public BookingServant(Backend backend, long deadlineMillis, Admission admission, Supplier<ClientKey> callerIdentity,
                          FrontEndMetrics metrics) {
        this.backend = backend;
        this.metrics = metrics;
        this.deadlineMillis = deadlineMillis;
        this.admission = admission;
        this.callerIdentity = callerIdentity;
    }

    @Override
    public String addMovieSlots(String adminID, String movieID, String movieName, int capacity) throws Refused, Unavailable {
        return text(call(new Request.AddMovieSlots(adminID, movieID, movieName, capacity)));
    }

    @Override
    public String removeMovieSlots(String adminID, String movieID, String movieName) throws Refused, Unavailable {
        return text(call(new Request.RemoveMovieSlots(adminID, movieID, movieName)));
    }

    @Override
    public ShowAvailability[] listMovieShowsAvailability(String adminID, String movieName) throws Refused, Unavailable {
        Result r = call(new Request.ListMovieShowsAvailability(adminID, movieName));
        if (!(r instanceof Result.Shows s)) throw inconsistent(r);
        return s.shows().stream().map(x -> new ShowAvailability(x.movieID(), x.movieName(), x.seatsLeft()))
                .toArray(ShowAvailability[]::new);
    }

    @Override
    public String bookMovieTickets(String userID, String customerID, String movieID, String movieName, int tickets)
            throws Refused, Unavailable {
        return text(call(new Request.BookMovieTickets(userID, customerID, movieID, movieName, tickets)));
    }

    @Override
    public Booking[] getBookingSchedule(String userID, String customerID) throws Refused, Unavailable {
        Result r = call(new Request.GetBookingSchedule(userID, customerID));
        if (!(r instanceof Result.Schedule s)) throw inconsistent(r);
        return s.bookings().stream().map(b -> new Booking(b.movieID(), b.movieName(), b.tickets())).toArray(Booking[]::new);
    }

    @Override
    public String cancelMovieTickets(String userID, String customerID, String movieID, String movieName, int tickets)
            throws Refused, Unavailable {
        return text(call(new Request.CancelMovieTickets(userID, customerID, movieID, movieName, tickets)));
    }

    @Override
    public String exchangeTickets(String userID, String customerID, String movieID, String movieName,
                                  String newMovieID, String newMovieName, int tickets) throws Refused, Unavailable {
        return text(call(new Request.ExchangeTickets(userID, customerID, movieID, movieName, newMovieID, newMovieName, tickets)));
    }

    private Result call(Request request) throws Refused, Unavailable {
        long start = System.nanoTime();
        FrontEndMetrics.Outcome outcome = FrontEndMetrics.Outcome.UNAVAILABLE;
        try {
            Result r = RequestPrecheck.check(request);
            if (r == null) r = execute(request);
            if (r instanceof Result.Refused refused) {
                outcome = FrontEndMetrics.Outcome.REFUSED;
                throw new Refused(refused.code().name(), refused.reason());
            }
            outcome = FrontEndMetrics.Outcome.OK;
            return r;
        } finally {
            metrics.observe(request.operation(), outcome, System.nanoTime() - start);
        }
    }

    /** A request that must be ordered, if there is room for it (see {@link Admission}). */
    private Result execute(Request request) throws Unavailable {
        if (!admission.tryEnter()) throw new Unavailable("overloaded: " + admission.limit() + " calls in flight, try again shortly");
        try {
            return backend.execute(request, callerIdentity.get()).get(deadlineMillis + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new Unavailable(e.getCause() == null ? e.toString() : e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new Unavailable("no agreed answer within " + deadlineMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        } finally {
            admission.leave();
        }
    }

    private static String text(Result r) throws Unavailable {
        if (r instanceof Result.Done d) return d.text();
        throw inconsistent(r);
    }

    /** Two replicas agreed on a result of the wrong kind: outside the fault model; never pass it on. */
    private static Unavailable inconsistent(Result r) {
        return new Unavailable("agreed result has the wrong kind: " + r.canonical());
    }
}
