package dmtbs.corba;

import dmtbs.corba.FT.FTRequestServiceContext;
import dmtbs.corba.FT.FTRequestServiceContextHelper;
import org.omg.CORBA.Any;
import org.omg.CORBA.ORB;
import org.omg.IOP.Codec;
import org.omg.IOP.CodecPackage.FormatMismatch;
import org.omg.IOP.CodecPackage.InvalidTypeForEncoding;
import org.omg.IOP.CodecPackage.TypeMismatch;
import org.omg.IOP.ENCODING_CDR_ENCAPS;
import org.omg.IOP.Encoding;
import org.omg.IOP.FT_REQUEST;
import org.omg.IOP.ServiceContext;
import org.omg.PortableInterceptor.ORBInitInfo;

/**
 * The wire form of FT-CORBA's FT_REQUEST service context, shared by the client and the front end: a
 * CDR encapsulation (GIOP 1.2) of {@link FTRequestServiceContext} under {@link FT_REQUEST} (13).
 */
public final class FtRequestCodec {

    private final Codec codec;

    private FtRequestCodec(Codec codec) { this.codec = codec; }

    /** The codec of an ORB being initialized (interceptors cannot reach their ORB's codec factory later). */
    public static FtRequestCodec of(ORBInitInfo info) {
        try {
            return new FtRequestCodec(info.codec_factory().create_codec(new Encoding(ENCODING_CDR_ENCAPS.value, (byte) 1, (byte) 2)));
        } catch (org.omg.IOP.CodecFactoryPackage.UnknownEncoding e) {
            throw new IllegalStateException("the ORB has no CDR encapsulation codec: " + e, e);
        }
    }

    public ServiceContext encode(FTRequestServiceContext value) {
        try {
            return new ServiceContext(FT_REQUEST.value, codec.encode_value(wrap(value)));
        } catch (InvalidTypeForEncoding e) {
            throw new IllegalStateException("cannot encode the FT_REQUEST service context: " + e, e);
        }
    }

    /** The context's value; {@link IllegalArgumentException} (saying why) if the bytes are not one. */
    public FTRequestServiceContext decode(byte[] data) {
        try {
            return FTRequestServiceContextHelper.extract(codec.decode_value(data, FTRequestServiceContextHelper.type()));
        } catch (FormatMismatch | TypeMismatch | RuntimeException e) {
            // JacORB's CDR reader fails on truncated or garbled bytes with MARSHAL or an index error,
            // whose message (an index) would tell the caller nothing
            throw new IllegalArgumentException("not a CDR encapsulation of FT::FTRequestServiceContext ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The value in an Any (e.g. for a PICurrent slot); made with the singleton ORB, as the generated helpers do. */
    public static Any wrap(FTRequestServiceContext value) {
        Any any = ORB.init().create_any();
        FTRequestServiceContextHelper.insert(any, value);
        return any;
    }

    /** The value in an Any made by {@link #wrap}, or null if the Any is empty (a slot never set). */
    public static FTRequestServiceContext unwrap(Any any) {
        return any == null || !any.type().equivalent(FTRequestServiceContextHelper.type())
                ? null : FTRequestServiceContextHelper.extract(any);
    }
}
