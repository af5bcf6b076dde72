package dmtbs.client;

import org.jacorb.orb.factory.DefaultSocketFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * JacORB's client sockets, with a bound on connecting. JacORB connects without one, or with the
 * whole reply timeout (20 s for the tests' clients), and a connect to a host that is cut off from the
 * LAN waits that long, or for the kernel's SYN retries (about two minutes), before the client may try
 * the other front end or naming service. A front end or naming service that is up accepts within
 * milliseconds, on a LAN too.
 */
public final class ConnectTimeoutSocketFactory extends DefaultSocketFactory {

    static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    @Override
    public Socket createSocket(String host, int port) throws IOException { return connect(host, port, CONNECT_TIMEOUT_MILLIS); }

    @Override
    protected Socket doCreateSocket(String host, int port, int timeout) throws IOException {
        return connect(host, port, timeout > 0 ? Math.min(timeout, CONNECT_TIMEOUT_MILLIS) : CONNECT_TIMEOUT_MILLIS);
    }

    private static Socket connect(String host, int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
