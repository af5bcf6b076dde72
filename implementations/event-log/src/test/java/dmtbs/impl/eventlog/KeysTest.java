package dmtbs.impl.eventlog;

import dmtbs.booking.Area;
import dmtbs.booking.Movies;
import dmtbs.booking.ShowId;
import dmtbs.booking.Slot;
import dmtbs.booking.UserId;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packed keys must sort exactly as booking-rules.md orders shows and customers. */
class KeysTest {

    /** SPEC §1 show order, written independently of {@link Keys}: date, slot M<A<E, theatre code, movie name. */
    private static final Comparator<ShowRef> SPEC_SHOW_ORDER = Comparator
            .comparing((ShowRef s) -> s.date())
            .thenComparing(s -> "MAE".indexOf(s.id().slot().name()))
            .thenComparing(s -> s.theatre().name())
            .thenComparing(ShowRef::movieName);

    @Test void showKeysSortInSpecShowOrder() {
        SplittableRandom random = new SplittableRandom(7);
        List<ShowRef> shows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            LocalDate date = LocalDate.of(2000, 1, 1).plusDays(random.nextInt(36_500));
            String id = ShowId.of(Area.values()[random.nextInt(3)], Slot.values()[random.nextInt(3)], date).text();
            shows.add(ShowRef.parse(id, Movies.ALL.get(random.nextInt(3))));
        }
        List<ShowRef> bySpec = new ArrayList<>(shows);
        bySpec.sort(SPEC_SHOW_ORDER);
        List<ShowRef> byKey = new ArrayList<>(shows);
        byKey.sort(Comparator.comparingLong(ShowRef::key));
        assertEquals(bySpec, byKey);
        long last = ShowRef.parse("VERE311299", "Titanic").key();
        assertTrue(last < Keys.SHOW_SPACE);
    }

    @Test void customerCodesRoundTripAndSortInIdOrder() {
        List<String> ids = List.of("ATWC0000", "ATWC0042", "ATWC9999", "OUTC0001", "OUTC1234", "VERC0042", "VERC9999");
        int previous = -1;
        for (String id : ids) {
            int code = Keys.customer(UserId.parse(id));
            assertEquals(id, Keys.customerText(code));
            assertTrue(code > previous && code < Keys.CUSTOMER_SPACE);
            previous = code;
        }
    }
}
