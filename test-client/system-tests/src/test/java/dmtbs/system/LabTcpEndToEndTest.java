package dmtbs.system;

/** The multi-host set over TCP with a fixed member list (TCPPING), as on a network that blocks multicast. */
class LabTcpEndToEndTest extends LabEndToEndTest {
    LabTcpEndToEndTest() { super("tcp"); }
}
