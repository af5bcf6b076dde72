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

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
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

        record(k, Request.AddMovieSlots.class, 40);
        record(k, Request.RemoveMovieSlots.class, 41);
        record(k, Request.ListMovieShowsAvailability.class, 42);
        record(k, Request.BookMovieTickets.class, 43);
        record(k, Request.GetBookingSchedule.class, 44);
        record(k, Request.CancelMovieTickets.class, 45);
        record(k, Request.ExchangeTickets.class, 46);

        record(k, Result.Done.class, 50);
        record(k, Result.Shows.class, 51);
        record(k, Result.Schedule.class, 52);
        record(k, Result.Refused.class, 53);
        record(k, Result.ShowAvailability.class, 54);
        record(k, Result.BookingEntry.class, 55);

        record(k, RequestId.class, 60);
        record(k, ClientRequest.class, 61);
        record(k, ClientRequests.class, 62);
        record(k, OrderedRequest.class, 63);
        k.register(OrderedBatch.class, new OrderedBatchSerializer(), 64);
        record(k, ReplicaResult.class, 65);
        record(k, ResultBatch.class, 66);
        record(k, Heartbeat.class, 67);
        record(k, SyncRequest.class, 68);
        record(k, SyncReply.class, 69);
        record(k, FetchRequest.class, 70);
        record(k, FetchReply.class, 71);
        record(k, Report.class, 72);
        record(k, Checkpoint.class, 73);
        record(k, CheckpointReport.class, 74);
        record(k, dmtbs.booking.BookingState.class, 75);
        record(k, dmtbs.booking.BookingState.Show.class, 76);
        record(k, dmtbs.booking.BookingState.Booking.class, 77);
        record(k, RmMessage.Proposal.class, 78);
        record(k, RmMessage.Vote.class, 79);
        record(k, RmMessage.Replaced.class, 80);
        return k;
    }

    private static <T extends Record> void record(Kryo k, Class<T> type, int id) {
        k.register(type, new RecordSerializer<>(type), id);
    }

    public static byte[] encode(Object message) {
        Kryo k = POOL.obtain();
        try {
            return encodeWith(k, message);
        } finally {
            POOL.free(k);
        }
    }

    private static byte[] encodeWith(Kryo k, Object message) {
        Output out = new Output(256, -1);
        k.writeClassAndObject(out, message);
        return out.toBytes();
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

    /**
     * A record as its components in declaration order, through method handles looked up once per
     * class. Kryo's own record serializer reflects on every call: a third to a half of Kryo's time in
     * a profile of the running system. Strings and primitives are written inline; anything else
     * (nested records, lists, enums, addresses, interfaces such as Request) with its registration ID.
     */
    static final class RecordSerializer<T extends Record> extends Serializer<T> {
        private final Class<?>[] types;
        private final MethodHandle[] getters;        // (Object) -> Object
        private final MethodHandle constructor;      // (Object[]) -> Object

        RecordSerializer(Class<T> type) {
            setImmutable(true);
            RecordComponent[] components = type.getRecordComponents();
            types = new Class<?>[components.length];
            getters = new MethodHandle[components.length];
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            try {
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    getters[i] = lookup.unreflect(components[i].getAccessor())
                            .asType(MethodType.methodType(Object.class, Object.class));
                }
                constructor = lookup.unreflectConstructor(type.getDeclaredConstructor(types))
                        .asSpreader(Object[].class, components.length)
                        .asType(MethodType.methodType(Object.class, Object[].class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot serialize record " + type.getName(), e);
            }
        }

        @Override public void write(Kryo kryo, Output out, T record) {
            try {
                for (int i = 0; i < types.length; i++) {
                    Object v = (Object) getters[i].invokeExact((Object) record);
                    Class<?> t = types[i];
                    if (t == long.class) out.writeVarLong((Long) v, false);
                    else if (t == int.class) out.writeVarInt((Integer) v, false);
                    else if (t == boolean.class) out.writeBoolean((Boolean) v);
                    else if (t == String.class) out.writeString((String) v);
                    else kryo.writeClassAndObject(out, v);
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        @Override @SuppressWarnings("unchecked")
        public T read(Kryo kryo, Input in, Class<? extends T> type) {
            Object[] values = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                Class<?> t = types[i];
                if (t == long.class) values[i] = in.readVarLong(false);
                else if (t == int.class) values[i] = in.readVarInt(false);
                else if (t == boolean.class) values[i] = in.readBoolean();
                else if (t == String.class) values[i] = in.readString();
                else values[i] = kryo.readClassAndObject(in);
            }
            try {
                return (T) (Object) constructor.invokeExact(values);
            } catch (RuntimeException | Error e) {
                throw e;                                  // e.g. a record's own validation refusing the values
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A batch as its epoch and each request's own encoding (as {@link #encode} gives it), length first.
     * The decoded batch keeps those bytes ({@link OrderedBatch#encodingOf}) for the order log.
     */
    static final class OrderedBatchSerializer extends Serializer<OrderedBatch> {
        OrderedBatchSerializer() { setImmutable(true); }

        @Override public void write(Kryo kryo, Output out, OrderedBatch b) {
            out.writeVarLong(b.epoch(), false);
            out.writeVarInt(b.requests().size(), true);
            for (int i = 0; i < b.requests().size(); i++) {
                byte[] bytes = b.encoded() != null ? b.encoded().get(i) : encodeWith(kryo, b.requests().get(i));
                out.writeVarInt(bytes.length, true);
                out.writeBytes(bytes);
            }
        }

        @Override public OrderedBatch read(Kryo kryo, Input in, Class<? extends OrderedBatch> type) {
            long epoch = in.readVarLong(false);
            int n = in.readVarInt(true);
            List<OrderedRequest> requests = new ArrayList<>(n);
            List<byte[]> encoded = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] bytes = in.readBytes(in.readVarInt(true));
                encoded.add(bytes);
                requests.add((OrderedRequest) kryo.readClassAndObject(new Input(bytes)));
            }
            return new OrderedBatch(epoch, java.util.Collections.unmodifiableList(requests),
                    java.util.Collections.unmodifiableList(encoded));
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
