package dmtbs.corba;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The project's IDL is the shared contract, unchanged, and the build compiled it. */
class IdlContractTest {

    @Test
    void projectIdlEqualsTheSharedContract() throws Exception {
        Path shared = Path.of("../../../shared/dmtbs.idl");
        assertTrue(Files.exists(shared), "the shared contract sits beside the checkout: " + shared.toAbsolutePath());
        assertEquals(Files.readString(shared), Files.readString(Path.of("src/main/idl/dmtbs.idl")));
    }

    @Test
    void generatedStubsHaveTheContractsOperations() throws Exception {
        Class<?> ops = Class.forName("dmtbs.corba.DMTBS.BookingServiceOperations");
        for (String op : new String[] {"addMovieSlots", "removeMovieSlots", "listMovieShowsAvailability",
                "bookMovieTickets", "getBookingSchedule", "cancelMovieTickets", "exchangeTickets"}) {
            assertTrue(java.util.Arrays.stream(ops.getMethods()).anyMatch(m -> m.getName().equals(op)), op);
        }
    }
}
