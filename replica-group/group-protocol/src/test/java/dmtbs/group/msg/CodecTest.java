package dmtbs.group.msg;

import dmtbs.booking.RefusalCode;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CodecTest {

    private static Object roundTrip(Object m) {
        byte[] bytes = Codec.encode(m);
        return Codec.decode(bytes, 0, bytes.length);
    }

    @Test
    void everyMessageSurvivesEncoding() {
        UUID fe = UUID.randomUUID();
        RequestId id = new RequestId("FrontEnd-1-2", 7);
        List<Request> requests = List.of(
                new Request.AddMovieSlots("ATWA0001", "ATWM261126", "Avatar", 5),
                new Request.RemoveMovieSlots("ATWA0001", "ATWM261126", "Avatar"),
                new Request.ListMovieShowsAvailability("ATWA0001", "Avatar"),
                new Request.BookMovieTickets("ATWC0001", "ATWC0001", "ATWM261126", "Avatar", 2),
                new Request.GetBookingSchedule("ATWC0001", "ATWC0001"),
                new Request.CancelMovieTickets("ATWC0001", "ATWC0001", "ATWM261126", "Avatar", 1),
                new Request.ExchangeTickets("ATWC0001", "ATWC0001", "ATWM261126", "Avatar", "ATWE261126", "Titanic", 1));
        List<OrderedRequest> ordered = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) ordered.add(new OrderedRequest(10 + i, 20_000, id, 3, fe, requests.get(i)));
        List<Object> messages = List.of(
                new ClientRequests(List.of(new ClientRequest(id, 3, fe, requests.get(3)))),
                new OrderedBatch(5, ordered),
                new ResultBatch("R1", "nested-maps", List.of(
                        new ReplicaResult(1, id, new Result.Done("BOOKED ATWC0001 ATWM261126 Avatar 2")),
                        new ReplicaResult(2, id, new Result.Refused(RefusalCode.FOREIGN_LIMIT, "three already")),
                        new ReplicaResult(3, id, new Result.Shows(List.of(new Result.ShowAvailability("ATWM261126", "Avatar", 3)))),
                        new ReplicaResult(4, id, new Result.Schedule(List.of(new Result.BookingEntry("ATWM261126", "Avatar", 2)))))),
                new Heartbeat(5, 99, 20_000), new SyncRequest(6), new SyncReply(6, 98, 20_000),
                new FetchRequest(3, 9), new FetchReply(ordered, 1),
                new Report(Report.Kind.MISMATCH, "R3", "0000-0003", 12, "wrong"),
                new Report(Report.Kind.LATE, "R4", null, -1, "no result"),
                new Report(Report.Kind.CONFLICT, "R1", "0000-0001", 13, "two pairs"),
                new OrderedBatch(7, List.of(new OrderedRequest(21, 20_000, id, 3, null, null, new Checkpoint(null)))),
                new OrderedBatch(6, List.of(new OrderedRequest(20, 20_000, id, 3, null, null, new Checkpoint("R2")))),
                new ClientRequests(List.of(new ClientRequest(id, 3, fe, null, new DateChange(java.time.LocalDate.of(2026, 11, 30))))),
                new OrderedBatch(8, List.of(new OrderedRequest(22, 20_000, id, 3, fe, null, new DateChange(20_787)))),
                new CheckpointReport("R1", "nested-maps", 20, "ab", 1_234, new dmtbs.booking.BookingState(
                        List.of(new dmtbs.booking.BookingState.Show("Avatar", "ATWM261126", 5)),
                        List.of(new dmtbs.booking.BookingState.Booking("ATWC0001", "Avatar", "ATWM261126", 2)))),
                new CheckpointReport("R1", "nested-maps", 20, "ab", 0, null),
                new RmMessage.Proposal(1, "R2", "WRONG"), new RmMessage.Vote(1, "R2", "RM3", true),
                new RmMessage.Replaced("R2", "WRONG", 5, "0000-1111"));
        for (Object m : messages) assertEquals(m, roundTrip(m));
    }

    @Test
    void aDecodedBatchKeepsEachRequestAsItArrived() {
        RequestId id = new RequestId("FE-1", 9);
        List<OrderedRequest> ordered = List.of(
                new OrderedRequest(30, 20_000, id, 3, null, new Request.GetBookingSchedule("ATWC0001", "ATWC0001")),
                new OrderedRequest(31, 20_000, id, 3, null, null, new Checkpoint("R2")));
        OrderedBatch sent = new OrderedBatch(4, ordered);
        assertNull(sent.encodingOf(ordered.get(0)), "built in memory: nothing encoded yet");
        OrderedBatch got = (OrderedBatch) roundTrip(sent);
        for (OrderedRequest r : got.requests()) {
            byte[] kept = got.encodingOf(r);
            assertArrayEquals(Codec.encode(r), kept, "the same bytes the request encodes to");
            assertEquals(r, Codec.decode(kept, 0, kept.length));
        }
        assertNull(got.encodingOf(ordered.get(0)), "an equal request that did not arrive in this batch");
        assertEquals(got, roundTrip(got), "a decoded batch sends its kept bytes again");
    }

    @Test
    void registrationIdsAreFixed() {
        // Changing these breaks mixed-version groups: the IDs are part of the wire format.
        var k = Codec.newKryo();
        assertEquals(43, k.getRegistration(Request.BookMovieTickets.class).getId());
        assertEquals(64, k.getRegistration(OrderedBatch.class).getId());
        assertEquals(72, k.getRegistration(Report.class).getId());
        assertEquals(82, k.getRegistration(DateChange.class).getId());
    }

    @Test
    void requestsEncodedBeforeDateChangesExistedStillDecode() {
        // Bytes written by the release before Control replaced the Checkpoint slot: replicas' logs on
        // disk hold such records, and a resumed service must read them back.
        java.util.HexFormat hex = java.util.HexFormat.of();
        byte[] checkpoint = hex.parseHex("412ac0b8023e0f52322d7265636f7665722d372d38020200004b0352320100");
        byte[] request = hex.parseHex("412cc0b8023e0d46726f6e74456e642d312d320e06002e0941545743303030310941545743303030310053026308");
        assertEquals(new OrderedRequest(21, 20_000, new RequestId("R2-recover-7-8", 1), 1, null, null, new Checkpoint("R2", true)),
                Codec.decode(checkpoint, 0, checkpoint.length));
        assertEquals(new OrderedRequest(22, 20_000, new RequestId("FrontEnd-1-2", 7), 3, null,
                new Request.GetBookingSchedule("ATWC0001", "ATWC0001"), null, new ClientKey("c", 4)), Codec.decode(request, 0, request.length));
    }

    @Test
    void aDateChangeToADayNoDateHoldsDoesNotDecode() {
        com.esotericsoftware.kryo.io.Output out = new com.esotericsoftware.kryo.io.Output(32);
        out.writeVarInt(82 + 2, true);                 // Kryo writes a registration ID plus 2
        out.writeVarLong(Long.MAX_VALUE, false);
        byte[] forged = out.toBytes();
        assertThrows(java.time.DateTimeException.class, () -> Codec.decode(forged, 0, forged.length));
    }

    @Test
    void enumsTravelByName() {
        byte[] bytes = Codec.encode(new Result.Refused(RefusalCode.NOT_BOOKED, ""));
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(true, text.contains("NOT_BOOKE"), "enum name in the bytes");
        assertArrayEquals(bytes, Codec.encode(new Result.Refused(RefusalCode.NOT_BOOKED, "")));
    }
}
