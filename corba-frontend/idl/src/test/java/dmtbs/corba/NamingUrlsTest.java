package dmtbs.corba;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NamingUrlsTest {

    @Test
    void aUrlNamingTwoNamingServicesSplitsIntoOneForEach() {
        String both = NamingUrls.join(List.of("10.0.0.1", "10.0.0.2"), 1050, "NameService");
        assertEquals("corbaloc::10.0.0.1:1050,:10.0.0.2:1050/NameService", both);
        assertEquals(List.of("corbaloc::10.0.0.1:1050/NameService", "corbaloc::10.0.0.2:1050/NameService"), NamingUrls.split(both));
        assertEquals(List.of("corbaloc:iiop:a:1/NameService", "corbaloc::b:2/NameService"),
                NamingUrls.split("corbaloc:iiop:a:1,:b:2/NameService"));
    }

    @Test
    void aUrlWithOneAddressOrNoneIsKept() {
        assertEquals(List.of("corbaloc::127.0.0.1:1050/NameService"), NamingUrls.split("corbaloc::127.0.0.1:1050/NameService"));
        assertEquals(List.of("IOR:0000"), NamingUrls.split("IOR:0000"));
        assertEquals(List.of("corbaloc::a:1,"), NamingUrls.split("corbaloc::a:1,"));
        assertThrows(IllegalArgumentException.class, () -> NamingUrls.join(List.of(), 1050, "NameService"));
    }
}
