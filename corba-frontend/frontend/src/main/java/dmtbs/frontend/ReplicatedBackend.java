package dmtbs.frontend;

import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.group.msg.ClientKey;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.Report;
import dmtbs.group.msg.ResultBatch;
import dmtbs.group.node.GroupNode;
import dmtbs.group.node.Json;
import dmtbs.group.node.Role;
import org.jgroups.Address;
import org.jgroups.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The replicated path's shell around {@link FrontEndCore}: it passes in the clock, the group's
 * messages (results count only from the process that holds the replica's name) and views, sweeps
 * every 20 ms, and sends what the core decides to the sequencer and the replica managers.
 */
public final class ReplicatedBackend implements Backend, Role {

    private static final Logger log = LoggerFactory.getLogger(ReplicatedBackend.class);

    private final FrontEndCore core;
    private GroupNode node;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fe-sweeper");
        t.setDaemon(true);
        return t;
    });

    public ReplicatedBackend(String frontEndId, long deadlineMillis) {
        this.core = new FrontEndCore(frontEndId, deadlineMillis, FrontEndCore.MATCHING, new FrontEndCore.Effects() {
            @Override public void submit(List<dmtbs.group.msg.ClientRequest> requests) { node.submit(requests); }

            @Override public void report(Report r) {
                View v = node.view();
                if (v == null) return;
                for (Address a : v.getMembers()) {
                    if (String.valueOf(a).startsWith("RM")) node.send(a, r);
                }
            }
        });
    }

    public void attach(GroupNode node) {
        this.node = node;
        sweeper.scheduleWithFixedDelay(this::sweep, 20, 20, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<Result> execute(Request request, ClientKey client) {
        return core.execute(request, client, node.address(), System.nanoTime()).answer();
    }

    @Override
    public void received(Address from, Object message) {
        if (!(message instanceof ResultBatch rb)) return;
        int replica = dmtbs.group.msg.ReplicaNames.index(rb.replica());
        // Votes count by the replica that sent them, never by the name a message claims.
        if (replica < 0 || !node.holds(from, rb.replica())) return;
        core.results(replica, GroupNode.incarnation(from), rb.results(), System.nanoTime());
    }

    @Override
    public void delivered(List<OrderedRequest> inOrder) { core.delivered(inOrder, this::holders); }

    /** The incarnation of each replica in the view now (null for one that is absent). */
    private String[] holders() {
        String[] h = new String[FrontEndCore.REPLICAS];
        for (int i = 0; i < h.length; i++) h[i] = GroupNode.incarnation(node.holder("R" + (i + 1)));
        return h;
    }

    @Override
    public void viewChanged(View view) { sweeper.execute(() -> core.viewChanged(System.nanoTime())); }

    private void sweep() {
        try {
            core.sweep(System.nanoTime(), this::holders);
        } catch (RuntimeException e) {
            log.error("sweep failed", e);
        }
    }

    public void status(Json j) { core.status(j); }

    @Override
    public void close() { sweeper.shutdownNow(); }
}
