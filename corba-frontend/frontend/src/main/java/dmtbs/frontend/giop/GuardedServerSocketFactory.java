package dmtbs.frontend.giop;

import org.jacorb.orb.factory.ServerSocketFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * JacORB's server sockets with {@link GiopSizeGuard} in front of every accepted connection; set as
 * {@code jacorb.net.server_socket_factory} in the front end and the naming service. The bound is
 * {@code dmtbs.giop_max_bytes}, default 2 MiB: a legitimate request is under 1 KB (IDs, a movie
 * name, a count), and 2 MiB still lets a call with a 1 MB argument through, to be refused by the
 * booking rules with an answer instead of a dropped connection. Each message JacORB holds costs at
 * most this much heap, so the bound times the requests it can hold (worker pool and queue) is what a
 * client with large messages can make it hold.
 */
public final class GuardedServerSocketFactory implements ServerSocketFactory {

    public static final int MAX_BODY = Integer.getInteger("dmtbs.giop_max_bytes", 2 << 20);

    @Override
    public ServerSocket createServerSocket(int port) throws IOException { return new Guarded(port, 50, null); }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException { return new Guarded(port, backlog, null); }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress addr) throws IOException {
        return new Guarded(port, backlog, addr);
    }

    private static final class Guarded extends ServerSocket {
        Guarded(int port, int backlog, InetAddress addr) throws IOException { super(port, backlog, addr); }

        @Override
        public Socket accept() throws IOException {
            if (isClosed()) throw new SocketException("Socket is closed");
            Socket s = new GuardedSocket();
            implAccept(s);
            return s;
        }
    }

    private static final class GuardedSocket extends Socket {
        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) in = new GiopSizeGuard(super.getInputStream(), MAX_BODY);
            return in;
        }
    }
}
