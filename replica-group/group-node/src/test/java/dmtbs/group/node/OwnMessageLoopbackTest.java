package dmtbs.group.node;

import dmtbs.booking.Request;
import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.RequestId;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lone member is the sequencer: with direct processing JGroups loops its own ordered batch back up
 * on the thread that multicasts it, which is inside {@link GroupNode#submit}'s protocol step. The
 * batch must still be delivered, exactly once, in order, and never inside that step.
 */
class OwnMessageLoopbackTest {

    @Test
    void theSequencersOwnBatchesAreDeliveredAfterTheStepThatSentThem() throws Exception {
        ThreadLocal<Boolean> submitting = ThreadLocal.withInitial(() -> false);
        AtomicInteger insideStep = new AtomicInteger();
        AtomicLong last = new AtomicLong();
        AtomicInteger outOfOrder = new AtomicInteger();
        Role role = new Role() {
            @Override public void delivered(List<OrderedRequest> inOrder) {
                if (submitting.get()) insideStep.incrementAndGet();
                for (OrderedRequest r : inOrder) if (r.seq() != last.getAndSet(r.seq()) + 1) outOfOrder.incrementAndGet();
            }
        };
        GroupConfig config = new GroupConfig("loopback-test-" + ProcessHandle.current().pid(),
                Path.of("../../jgroups-udp.xml").toString(), Path.of("target/run"), null, 0, 0);
        try (GroupNode node = new GroupNode("Sequencer", config, role).start()) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!node.isSequencer() && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertTrue(node.isSequencer(), "a lone member becomes the sequencer");
            for (int i = 1; i <= 200; i++) {
                ClientRequest r = new ClientRequest(new RequestId("FE-test", i), 1, node.address(),
                        new Request.ListMovieShowsAvailability("ATWA0001", "Avatar"));
                submitting.set(true);
                try {
                    node.submit(List.of(r));
                } finally {
                    submitting.set(false);
                }
            }
            while (node.delivered() < 200 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertEquals(200, node.delivered());
            assertEquals(200, last.get());
            assertEquals(0, outOfOrder.get(), "delivered in sequence order, each once");
            assertEquals(0, insideStep.get(), "never delivered inside the step that multicast it");
        }
    }
}
