package dmtbs.group.msg;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import dmtbs.booking.RefusalCode;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import org.jgroups.Address;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Kryo encoding of every message in the group. Registration IDs are fixed here, so every JVM agrees
 * whatever order classes load in; enums travel by name, never by ordinal. Kryo instances are not
 * thread-safe, hence the pool. Every message of every module is registered here, in one list.
 *
 * <p>Decoding is bounded: every length on the wire (a list's size, a string's or a byte array's
 * length) is checked against the bytes left in the message before anything is allocated, since each
 * element takes at least one byte, and nesting is at most {@link #MAX_DEPTH} deep. Kryo's own
 * {@code readString} and {@code readBytes} allocate whatever a length field says (a 6-byte message
 * announcing 1 GB made every group JVM run out of memory), so strings travel as length-prefixed UTF-8
 * read here. A message that breaks a bound fails to decode with a {@code KryoException}.
 */
public final class Codec {

    private static final Pool<Kryo> POOL = new Pool<>(true, false, 64) {
        @Override protected Kryo create() { return newKryo(); }
    };

    private Codec() {}

    static Kryo newKryo() {
        Kryo k = new Kryo(new RegisteredOnly(), null);
        k.setRegistrationRequired(true);
        k.setReferences(false);
        k.setMaxDepth(MAX_DEPTH);
        k.register(String.class, new TextSerializer());          // replaces Kryo's, which trusts the length
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
        record(k, ClientKey.class, 81);
        record(k, DateChange.class, 82);
        record(k, EpochStart.class, 83);
        record(k, SyncDone.class, 84);
        return k;
    }

    /**
     * Classes travel by registration ID only. Kryo's resolver would otherwise read a class *name* from
     * the wire when the ID says so (registration required or not), allocating the length it announces.
     */
    static final class RegisteredOnly extends com.esotericsoftware.kryo.util.DefaultClassResolver {
        @Override protected com.esotericsoftware.kryo.Registration readName(Input input) {
            throw new KryoException("a class by name: only registered IDs are accepted");
        }
    }

    /** Deeper than any message (a result batch's show list is 5 levels): a recursion bomb stops here. */
    static final int MAX_DEPTH = 16;

    /** A length from the wire, refused when the bytes left cannot hold that many elements of at least one byte. */
    static int length(Input in) {
        int n = in.readVarInt(true);
        int left = in.limit() - in.position();
        if (n < 0 || n > left) throw new KryoException("a length of " + n + " with " + left + " bytes left");
        return n;
    }

    /** A string as its UTF-8 length + 1 (0 for null) and bytes. */
    static void writeText(Output out, String s) {
        if (s == null) {
            out.writeVarInt(0, true);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeVarInt(utf8.length + 1, true);
        out.writeBytes(utf8);
    }

    static String readText(Input in) {
        int n = in.readVarInt(true) - 1;
        if (n < 0) return null;
        int left = in.limit() - in.position();
        if (n > left) throw new KryoException("a string of " + n + " bytes with " + left + " bytes left");
        String s = new String(in.getBuffer(), in.position(), n, StandardCharsets.UTF_8);
        in.setPosition(in.position() + n);
        return s;
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
            int n = length(in);
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
                    else if (t == String.class) writeText(out, (String) v);
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
                else if (t == String.class) values[i] = readText(in);
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
            int n = length(in);
            List<OrderedRequest> requests = new ArrayList<>(n);
            List<byte[]> encoded = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] bytes = in.readBytes(length(in));
                encoded.add(bytes);
                requests.add((OrderedRequest) kryo.readClassAndObject(new Input(bytes)));
            }
            return new OrderedBatch(epoch, java.util.Collections.unmodifiableList(requests),
                    java.util.Collections.unmodifiableList(encoded));
        }
    }

    /**
     * A member's address as its 128 bits. JGroups' own form ({@code Util.writeAddress}) lets an
     * {@code ExtendedUUID} carry arrays whose lengths come from the wire, read without a bound; every
     * address in this group is a UUID (a subclass compares equal to the plain UUID of its bits).
     */
    static final class AddressSerializer extends Serializer<Address> {
        AddressSerializer() { setAcceptsNull(true); }

        @Override public void write(Kryo kryo, Output out, Address a) {
            if (!(a instanceof org.jgroups.util.UUID u)) {
                if (a != null) throw new IllegalArgumentException("not a UUID address: " + a);
                out.writeBoolean(false);
                return;
            }
            out.writeBoolean(true);
            out.writeLong(u.getMostSignificantBits());
            out.writeLong(u.getLeastSignificantBits());
        }

        @Override public Address read(Kryo kryo, Input in, Class<? extends Address> type) {
            return in.readBoolean() ? new org.jgroups.util.UUID(in.readLong(), in.readLong()) : null;
        }
    }

    /** A string on its own (in a list, say) as {@link #writeText} writes it. */
    static final class TextSerializer extends Serializer<String> {
        TextSerializer() {
            setImmutable(true);
            setAcceptsNull(true);
        }

        @Override public void write(Kryo kryo, Output out, String s) { writeText(out, s); }

        @Override public String read(Kryo kryo, Input in, Class<? extends String> type) { return readText(in); }
    }

    /** Enums by name: adding or reordering constants never changes the meaning of old bytes. */
    static final class EnumByName<E extends Enum<E>> extends Serializer<E> {
        private final Class<E> type;

        EnumByName(Class<E> type) { this.type = type; }

        @Override public void write(Kryo kryo, Output out, E e) { writeText(out, e.name()); }

        @Override public E read(Kryo kryo, Input in, Class<? extends E> t) {
            String name = readText(in);
            try {
                return Enum.valueOf(type, name);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new KryoException("no " + type.getSimpleName() + " named " + name);
            }
        }
    }
}
