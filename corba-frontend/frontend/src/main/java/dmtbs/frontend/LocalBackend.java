package dmtbs.frontend;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.group.msg.ClientKey;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;

/**
 * One unreplicated implementation behind the same front end: the baseline the replicated service is
 * measured against. Calls are serialized on the machine, as a replica applies them. It keeps no
 * results for retries: a retried call is applied again ({@code client} is ignored).
 */
public final class LocalBackend implements Backend {

    private final BookingMachine machine;
    private final LocalDate pinned;

    public LocalBackend(BookingMachine machine, LocalDate pinned) {
        this.machine = machine;
        this.pinned = pinned;
    }

    @Override
    public CompletableFuture<Result> execute(Request request, ClientKey client) {
        LocalDate today = pinned != null ? pinned : LocalDate.now(ZoneId.of("America/Montreal"));
        Result r;
        synchronized (machine) {
            r = machine.apply(request, today);
        }
        return CompletableFuture.completedFuture(r);
    }
}
