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
 * {@code dmtbs.giop_max_bytes} (default 4 MiB: an operation's largest legitimate message, a long
 * schedule or a 1 MB argument, is far smaller).
 */
public final class GuardedServerSocketFactory implements ServerSocketFactory {

    public static final int MAX_BODY = Integer.getInteger("dmtbs.giop_max_bytes", 4 << 20);

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
