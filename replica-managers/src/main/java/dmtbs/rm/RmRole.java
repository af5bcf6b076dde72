package dmtbs.rm;

import dmtbs.group.msg.Checkpoint;
import dmtbs.group.msg.CheckpointReport;
import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.ReplicaNames;
import dmtbs.group.msg.Report;
import dmtbs.group.msg.RequestId;
import dmtbs.group.msg.RmMessage;
import dmtbs.group.msg.Roles;
import dmtbs.group.node.GroupNode;
import dmtbs.group.node.Json;
import dmtbs.group.node.Role;
import org.jgroups.Address;
import org.jgroups.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The replica manager of one host: the JGroups and process shell around {@link ManagerCore}, which
 * makes every decision. It checks who sent each message, feeds the core the view, the messages and
 * what the supervisor sees of the replica's process, and carries out the core's effects: messages to
 * other managers, digest checkpoints into the order, and the replacement of its replica. Every core
 * call holds the core's lock; slow work (a process start, a ping) runs outside it on worker threads,
 * never on a JGroups thread.
 */
final class RmRole implements Role {

    private static final Logger log = LoggerFactory.getLogger(RmRole.class);
    private static final long SPARE_DELAY_MILLIS = 5_000;
    private static final long TICK_MILLIS = 100;
    private static final long WATCH_MILLIS = 1_000;
    private static final long AUDIT_PERIOD_MILLIS = Long.getLong("dmtbs.audit_period_ms", 5_000);

    private final String name;
    private final String replica;
    private final ReplicaSupervisor supervisor;
    private final ManagerCore core;
    /** Process work: watching, replacing, warming a spare. */
    private final ScheduledExecutorService worker = daemonScheduler("rm-worker");
    /** The core's clock: votes, proposal expiry, checkpoints; never blocked by process work. */
    private final ScheduledExecutorService ticker = daemonScheduler("rm-ticker");
    private GroupNode node;
    private volatile boolean stopping;

    RmRole(String name, String replica, ReplicaSupervisor supervisor) {
        this.name = name;
        this.replica = replica;
        this.supervisor = supervisor;
        this.core = new ManagerCore(name, replica, ReplicaNames.COUNT, AUDIT_PERIOD_MILLIS, System.currentTimeMillis(), new ManagerCore.Effects() {
            @Override public void send(String manager, Object message) {
                Address to = node.holder(manager);
                if (to != null) node.send(to, message);
            }

            @Override public void replace(String reason) { worker.execute(() -> replaceReplica(reason)); }

            @Override public void orderCheckpoint(RequestId id, long lowWater) {
                node.submit(List.of(new ClientRequest(id, lowWater, node.address(), null, new Checkpoint(null))));
            }
        });
    }

    void attach(GroupNode node) {
        this.node = node;
        worker.scheduleWithFixedDelay(this::watch, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(this::coreTick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Keeps a warm spare ready, a little after the replica (re)started so the two do not compete. */
    void replicaRunning() {
        worker.schedule(supervisor::prepareSpare, SPARE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    void onReplicaExit(ProcessHandle h) {
        if (!stopping) worker.execute(this::watch);
    }

    private void coreTick() {
        try {
            long delivered = node.delivered();
            synchronized (core) {
                core.tick(System.currentTimeMillis(), delivered);
            }
        } catch (RuntimeException e) {
            log.error("{}: tick failed", name, e);
        }
    }

    /** Tells the core what the supervisor sees; asks whether the replica answers only when the core needs it (a ping takes time). */
    private void watch() {
        try {
            if (stopping) return;
            boolean started = supervisor.started();
            boolean alive = supervisor.alive();
            boolean ask;
            synchronized (core) {
                ask = core.wantsAnswering(System.currentTimeMillis());
            }
            Boolean answering = ask && started ? supervisor.answering() : null;
            synchronized (core) {
                core.process(new ManagerCore.ProcessFacts(started, alive, answering), System.currentTimeMillis());
            }
        } catch (RuntimeException e) {
            log.error("{}: watch failed", name, e);
        }
    }

    @Override
    public void viewChanged(View view) {
        List<String> members = new ArrayList<>();
        Map<String, String> holders = new HashMap<>();
        for (Address a : view.getMembers()) {
            String n = String.valueOf(a);
            members.add(n);
            if (ReplicaNames.index(n) >= 0) holders.putIfAbsent(n, GroupNode.incarnation(a));
        }
        synchronized (core) {
            core.view(members, holders, System.currentTimeMillis());
        }
    }

    @Override
    public void received(Address from, Object message) {
        if (!fromItsHolder(from, message)) return;
        long now = System.currentTimeMillis();
        synchronized (core) {
            if (message instanceof Report r) core.report(r, now);
            else if (message instanceof RmMessage.Proposal p) core.proposal(String.valueOf(from), p, now);
            else if (message instanceof RmMessage.Vote v) core.vote(v, now);
            else if (message instanceof RmMessage.Replaced x) core.replacedElsewhere(x);
            else if (message instanceof CheckpointReport c) core.checkpoint(c, now);
        }
        // Late: does it answer? The supervisor asks now rather than at the next watch.
        if (message instanceof Report r && r.kind() == Report.Kind.LATE && r.replica().equals(replica)) worker.execute(this::watch);
    }

    /**
     * Evidence and votes count only from the member that holds the role they speak for: reports from
     * the front end, a proposal or a replacement notice from the replica's own manager, a vote from
     * the manager it names, a digest from the replica it names. A member of another name (or a second
     * member claiming a taken one) could otherwise get an honest replica replaced.
     */
    private boolean fromItsHolder(Address from, Object message) {
        boolean ok;
        if (message instanceof Report) ok = Roles.isFrontEnd(String.valueOf(from)) && node.holds(from, String.valueOf(from));
        else if (message instanceof RmMessage.Proposal p) ok = node.holds(from, Roles.managerOf(p.replica()));
        else if (message instanceof RmMessage.Replaced x) ok = node.holds(from, Roles.managerOf(x.replica()));
        else if (message instanceof RmMessage.Vote v) ok = v.voter() != null && v.voter().startsWith("RM") && node.holds(from, v.voter());
        else if (message instanceof CheckpointReport c) ok = node.holds(from, c.replica());
        else ok = true;
        if (!ok) log.warn("{}: ignored {} from {}, who does not hold the role it speaks for", name, message.getClass().getSimpleName(), from);
        return ok;
    }

    private void replaceReplica(String reason) {
        boolean started = false;
        try {
            supervisor.kill();
            supervisor.start(true, this::onReplicaExit);
            started = true;
            replicaRunning();
        } catch (IOException e) {
            log.error("{}: cannot start a replacement for {}", name, replica, e);
        } finally {
            long now = System.currentTimeMillis();
            synchronized (core) {
                if (started) core.replacementStarted(now);
                else core.replacementFailed();
            }
        }
    }

    void status(Json j) {
        j.put("replica", replica).put("replicaPid", supervisor.pid().orElse(-1L)).put("replicaAlive", supervisor.alive());
        synchronized (core) {
            core.status(j);
        }
    }

    void stop() {
        stopping = true;
        supervisor.dropSpare();
        worker.shutdownNow();
        ticker.shutdownNow();
    }

    private static ScheduledExecutorService daemonScheduler(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }
}
