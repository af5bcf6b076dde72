package dmtbs.system;

/** The multi-host set over UDP multicast (TTL 1 across the lab's bridge). */
class LabUdpEndToEndTest extends LabEndToEndTest {
    LabUdpEndToEndTest() { super("udp"); }
}
