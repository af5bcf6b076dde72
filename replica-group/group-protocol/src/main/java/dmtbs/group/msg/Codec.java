package dmtbs.group.msg;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import dmtbs.booking.RefusalCode;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import org.jgroups.Address;
import org.jgroups.util.ByteArrayDataInputStream;
import org.jgroups.util.ByteArrayDataOutputStream;
import org.jgroups.util.Util;

import java.util.ArrayList;
import java.util.List;

/**
 * Kryo encoding of every message in the group. Registration IDs are fixed here, so every JVM agrees
 * whatever order classes load in; enums travel by name, never by ordinal. Kryo instances are not
 * thread-safe, hence the pool. Every message of every module is registered here, in one list.
 */
public final class Codec {

    private static final Pool<Kryo> POOL = new Pool<>(true, false, 64) {
        @Override protected Kryo create() { return newKryo(); }
    };

    private Codec() {}

    static Kryo newKryo() {
        Kryo k = new Kryo();
        k.setRegistrationRequired(true);
        k.setReferences(false);
        ListSerializer lists = new ListSerializer();
        k.register(ArrayList.class, lists, 20);
        k.register(List.of().getClass(), lists, 21);            // ImmutableCollections.ListN
        k.register(List.of(1).getClass(), lists, 22);           // ImmutableCollections.List12
        AddressSerializer addresses = new AddressSerializer();
        k.register(org.jgroups.util.UUID.class, addresses, 23);
        k.register(org.jgroups.util.ExtendedUUID.class, addresses, 24);
        k.register(RefusalCode.class, new EnumByName<>(RefusalCode.class), 25);
        k.register(Report.Kind.class, new EnumByName<>(Report.Kind.class), 26);

        k.register(Request.AddMovieSlots.class, 40);
        k.register(Request.RemoveMovieSlots.class, 41);
        k.register(Request.ListMovieShowsAvailability.class, 42);
        k.register(Request.BookMovieTickets.class, 43);
        k.register(Request.GetBookingSchedule.class, 44);
        k.register(Request.CancelMovieTickets.class, 45);
        k.register(Request.ExchangeTickets.class, 46);

        k.register(Result.Done.class, 50);
        k.register(Result.Shows.class, 51);
        k.register(Result.Schedule.class, 52);
        k.register(Result.Refused.class, 53);
        k.register(Result.ShowAvailability.class, 54);
        k.register(Result.BookingEntry.class, 55);

        k.register(RequestId.class, 60);
        k.register(ClientRequest.class, 61);
        k.register(ClientRequests.class, 62);
        k.register(OrderedRequest.class, 63);
        k.register(OrderedBatch.class, 64);
        k.register(ReplicaResult.class, 65);
        k.register(ResultBatch.class, 66);
        k.register(Heartbeat.class, 67);
        k.register(SyncRequest.class, 68);
        k.register(SyncReply.class, 69);
        k.register(FetchRequest.class, 70);
        k.register(FetchReply.class, 71);
        k.register(Report.class, 72);
        k.register(Checkpoint.class, 73);
        k.register(CheckpointReport.class, 74);
        k.register(dmtbs.booking.BookingState.class, 75);
        k.register(dmtbs.booking.BookingState.Show.class, 76);
        k.register(dmtbs.booking.BookingState.Booking.class, 77);
        k.register(RmMessage.Proposal.class, 78);
        k.register(RmMessage.Vote.class, 79);
        k.register(RmMessage.Replaced.class, 80);
        return k;
    }

    public static byte[] encode(Object message) {
        Kryo k = POOL.obtain();
        try {
            Output out = new Output(256, -1);
            k.writeClassAndObject(out, message);
            return out.toBytes();
        } finally {
            POOL.free(k);
        }
    }

    public static Object decode(byte[] bytes, int offset, int length) {
        Kryo k = POOL.obtain();
        try {
            return k.readClassAndObject(new Input(bytes, offset, length));
        } finally {
            POOL.free(k);
        }
    }

    /** Lists of any kind travel as a size and elements and arrive as unmodifiable lists. */
    static final class ListSerializer extends Serializer<List<?>> {
        @Override public void write(Kryo kryo, Output out, List<?> list) {
            out.writeVarInt(list.size(), true);
            for (Object o : list) kryo.writeClassAndObject(out, o);
        }

        @Override public List<?> read(Kryo kryo, Input in, Class<? extends List<?>> type) {
            int n = in.readVarInt(true);
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) list.add(kryo.readClassAndObject(in));
            return java.util.Collections.unmodifiableList(list);
        }
    }

    /** JGroups addresses in JGroups' own wire form. */
    static final class AddressSerializer extends Serializer<Address> {
        AddressSerializer() { setAcceptsNull(true); }

        @Override public void write(Kryo kryo, Output out, Address a) {
            try {
                ByteArrayDataOutputStream bytes = new ByteArrayDataOutputStream(32);
                Util.writeAddress(a, bytes);
                out.writeVarInt(bytes.position(), true);
                out.writeBytes(bytes.buffer(), 0, bytes.position());
            } catch (Exception e) {
                throw new IllegalStateException("cannot encode address " + a, e);
            }
        }

        @Override public Address read(Kryo kryo, Input in, Class<? extends Address> type) {
            try {
                int n = in.readVarInt(true);
                return Util.readAddress(new ByteArrayDataInputStream(in.readBytes(n)));
            } catch (Exception e) {
                throw new IllegalStateException("cannot decode an address", e);
            }
        }
    }

    /** Enums by name: adding or reordering constants never changes the meaning of old bytes. */
    static final class EnumByName<E extends Enum<E>> extends Serializer<E> {
        private final Class<E> type;

        EnumByName(Class<E> type) { this.type = type; }

        @Override public void write(Kryo kryo, Output out, E e) { out.writeString(e.name()); }

        @Override public E read(Kryo kryo, Input in, Class<? extends E> t) { return Enum.valueOf(type, in.readString()); }
    }
}
