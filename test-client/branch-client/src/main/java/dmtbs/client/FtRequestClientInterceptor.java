package dmtbs.client;

import dmtbs.corba.FtRequestCodec;
import org.omg.CORBA.LocalObject;
import org.omg.PortableInterceptor.ClientRequestInfo;
import org.omg.PortableInterceptor.ClientRequestInterceptor;

/**
 * Sends the calling thread's {@link RequestIdentity}, if it has one, as FT-CORBA's FT_REQUEST service
 * context. Calls made without one (the naming service, a bare {@link Call#perform}) go out unchanged.
 * JacORB runs {@code send_request} on the thread that makes the call, which is why a thread-local
 * reaches it.
 */
final class FtRequestClientInterceptor extends LocalObject implements ClientRequestInterceptor {

    private final FtRequestCodec codec;

    FtRequestClientInterceptor(FtRequestCodec codec) { this.codec = codec; }

    @Override
    public void send_request(ClientRequestInfo ri) {
        RequestIdentity identity = RequestIdentity.current();
        if (identity != null) ri.add_request_service_context(codec.encode(identity.serviceContext()), false);
    }

    @Override public String name() { return "dmtbs.FT_REQUEST.client"; }
    @Override public void destroy() {}
    @Override public void send_poll(ClientRequestInfo ri) {}
    @Override public void receive_reply(ClientRequestInfo ri) {}
    @Override public void receive_exception(ClientRequestInfo ri) {}
    @Override public void receive_other(ClientRequestInfo ri) {}
}
