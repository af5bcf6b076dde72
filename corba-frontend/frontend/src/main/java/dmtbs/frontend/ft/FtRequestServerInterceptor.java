package dmtbs.frontend.ft;

import dmtbs.corba.FT.FTRequestServiceContext;
import dmtbs.corba.FtRequestCodec;
import dmtbs.group.msg.ClientKey;
import org.omg.CORBA.BAD_PARAM;
import org.omg.CORBA.CompletionStatus;
import org.omg.CORBA.INTERNAL;
import org.omg.CORBA.LocalObject;
import org.omg.IOP.FT_REQUEST;
import org.omg.IOP.ServiceContext;
import org.omg.PortableInterceptor.InvalidSlot;
import org.omg.PortableInterceptor.ServerRequestInfo;
import org.omg.PortableInterceptor.ServerRequestInterceptor;

/**
 * Reads a call's FT_REQUEST service context, if it has one, and leaves it in a PICurrent slot for the
 * servant ({@link CallerIdentity}). A malformed one is refused before the servant is reached, with
 * {@code BAD_PARAM} saying why (JacORB sends the message back to the caller, and logs nothing): each
 * client ID becomes state the replicas keep, so only short printable ones are taken.
 */
final class FtRequestServerInterceptor extends LocalObject implements ServerRequestInterceptor {

    private final FtRequestCodec codec;
    private final int slot;

    FtRequestServerInterceptor(FtRequestCodec codec, int slot) {
        this.codec = codec;
        this.slot = slot;
    }

    @Override
    public void receive_request_service_contexts(ServerRequestInfo ri) {
        ServiceContext context = requestContext(ri);
        if (context == null) return;
        FTRequestServiceContext value;
        try {
            value = codec.decode(context.context_data);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
        String reason = reasonToRefuse(value);
        if (reason != null) throw malformed(reason);
        try {
            ri.set_slot(slot, FtRequestCodec.wrap(value));
        } catch (InvalidSlot e) {
            throw new INTERNAL("the FT_REQUEST slot " + slot + " does not exist");
        }
    }

    /**
     * The call's FT_REQUEST context, or null. JacORB lists a request's contexts; the portable way
     * ({@code get_request_service_context}) throws BAD_PARAM for an absent one: an exception with its
     * stack on every call without an identity.
     */
    private static ServiceContext requestContext(ServerRequestInfo ri) {
        if (ri instanceof org.jacorb.orb.portableInterceptor.RequestInfoImpl jacorb) {
            for (ServiceContext c : jacorb.getRequestServiceContexts()) if (c.context_id == FT_REQUEST.value) return c;
            return null;
        }
        try {
            return ri.get_request_service_context(FT_REQUEST.value);
        } catch (BAD_PARAM absent) {
            return null;                              // the portable way to say "not sent"
        }
    }

    /** Why the front end will not take this identity, or null if it will. */
    static String reasonToRefuse(FTRequestServiceContext value) {
        String id = value.client_id;
        if (id == null || id.isEmpty()) return "empty client_id";
        if (id.length() > ClientKey.MAX_CLIENT_LENGTH) {
            return "client_id of " + id.length() + " characters (at most " + ClientKey.MAX_CLIENT_LENGTH + ")";
        }
        if (!id.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) return "client_id with characters other than printable ASCII (spaces included)";
        if (value.retention_id < 0) return "negative retention_id " + value.retention_id;
        return null;
    }

    private static BAD_PARAM malformed(String reason) {
        return new BAD_PARAM("malformed FT_REQUEST service context: " + reason, 0, CompletionStatus.COMPLETED_NO);
    }

    @Override public String name() { return "dmtbs.FT_REQUEST.server"; }
    @Override public void destroy() {}
    @Override public void receive_request(ServerRequestInfo ri) {}
    @Override public void send_reply(ServerRequestInfo ri) {}
    @Override public void send_exception(ServerRequestInfo ri) {}
    @Override public void send_other(ServerRequestInfo ri) {}
}
