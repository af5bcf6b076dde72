package dmtbs.rm;

import dmtbs.group.msg.Checkpoint;
import dmtbs.group.msg.CheckpointReport;
import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.RequestId;
import dmtbs.group.msg.ReplicaNames;
import dmtbs.group.msg.Report;
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
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The replica manager of one host. It learns about every replica from the front end's reports and
 * the group view, watches its own replica's process, and replaces its replica only when a majority
 * of all four managers agrees (three; a manager cut off from the others decides nothing): after three incorrect results in a row (WRONG), when its state digest
 * at an ordered checkpoint differs from two others that agree (CORRUPT), or when the replica is
 * dead, frozen or silent (CRASH). A late but answering replica is left alone. Decisions run on
 * one worker thread, never on a JGroups thread.
 */
final class RmRole implements Role {

    private static final Logger log = LoggerFactory.getLogger(RmRole.class);
    private static final long VOTE_PATIENCE_MILLIS = 3_000;
    private static final long PROPOSAL_TIMEOUT_MILLIS = 6_000;
    private static final long SPARE_DELAY_MILLIS = 5_000;
    private static final long AUDIT_PERIOD_MILLIS = Long.getLong("dmtbs.audit_period_ms", 5_000);

    private final String name;
    private final String replica;
    private final ReplicaSupervisor supervisor;
    private final ReplicaHealth health = new ReplicaHealth();
    private final DigestAudit audit = new DigestAudit();
    private final AuditPacer pacer = new AuditPacer(AUDIT_PERIOD_MILLIS, System.currentTimeMillis());
    private long auditedUpTo;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rm-worker");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService voters = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "rm-voter");
        t.setDaemon(true);
        return t;
    });
    private final List<String> history = new ArrayList<>();
    /** LATE reports about this manager's replica while it answered: suspicions found false. */
    private final java.util.concurrent.atomic.AtomicLong falseSuspicions = new java.util.concurrent.atomic.AtomicLong();
    /** Checkpoints whose digests split two against two (each logged once). */
    private final java.util.SortedSet<Long> alarms = new java.util.TreeSet<>();
    private GroupNode node;
    private final ReplacementProposals proposals = new ReplacementProposals(PROPOSAL_TIMEOUT_MILLIS);
    private volatile boolean stopping;
    /** The replica has been a member of the view since it was (re)started. */
    private volatile boolean replicaWasMember;
    /** When the replica, once a member, left the view (0: it is in the view, or has not joined yet). */
    private volatile long replicaLeftViewAt;
    /** Out of the view this long and not answering: crashed, even when no request shows it late. */
    private static final long LEFT_VIEW_GRACE_MILLIS = 2_000;
    /**
     * Out of the view this long even though it answers: cut off from the group (it receives no
     * order), so as good as crashed. Twice MERGE3's longest interval, so a healed partition merges first.
     */
    private static final long OUT_OF_VIEW_LIMIT_MILLIS = 30_000;

    RmRole(String name, String replica, ReplicaSupervisor supervisor) {
        this.name = name;
        this.replica = replica;
        this.supervisor = supervisor;
    }

    void attach(GroupNode node) {
        this.node = node;
        worker.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
        long tick = Math.min(1_000, AUDIT_PERIOD_MILLIS);
        worker.scheduleWithFixedDelay(this::orderDigestCheckpoint, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Keeps a warm spare ready, a little after the replica (re)started so the two do not compete. */
    void replicaRunning() {
        worker.schedule(supervisor::prepareSpare, SPARE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    void onReplicaExit(ProcessHandle h) {
        if (!stopping) worker.execute(this::watch);
    }

    /**
     * Periodic: a dead replica, or one that left the view and does not answer (frozen while no
     * request was in flight, so the front end reported nothing late), is a crash to propose, and one
     * that stays out of the view although it answers is proposed as EXCLUDED; a stale proposal is
     * dropped so it can be retried.
     */
    private void watch() {
        try {
            long now = System.currentTimeMillis();
            synchronized (this) {
                proposals.expire(now);
            }
            if (stopping || !supervisor.started()) return;
            long left = replicaLeftViewAt;
            if (!supervisor.alive()) propose("CRASH");
            else if (left != 0 && now - left >= OUT_OF_VIEW_LIMIT_MILLIS) propose("EXCLUDED");
            else if (left != 0 && now - left >= LEFT_VIEW_GRACE_MILLIS && !supervisor.answering()) propose("CRASH");
        } catch (RuntimeException e) {
            log.error("{}: watch failed", name, e);
        }
    }

    /** Notes when this manager's replica leaves the view (a replacement counts once it has joined). */
    @Override
    public void viewChanged(View view) {
        java.util.Map<String, String> holders = new java.util.HashMap<>();
        for (Address a : view.getMembers()) {
            String n = String.valueOf(a);
            if (ReplicaNames.index(n) >= 0) holders.putIfAbsent(n, GroupNode.incarnation(a));
        }
        synchronized (this) {
            health.view(holders);
        }
        if (hasMember(view, replica)) {
            replicaWasMember = true;
            replicaLeftViewAt = 0;
        } else if (replicaWasMember && replicaLeftViewAt == 0) {
            replicaLeftViewAt = System.currentTimeMillis();
        }
    }

    @Override
    public void received(Address from, Object message) {
        if (!fromItsHolder(from, message)) return;
        if (message instanceof Report r) {
            synchronized (this) {
                if (!health.onReport(r, System.currentTimeMillis())) {
                    log.info("{}: ignored a {} report about {} (process {}, seq {}): that process was replaced, or a verdict"
                            + " on a later request counted already", name, r.kind(), r.replica(), r.incarnation(), r.seq());
                    return;
                }
            }
            if (r.replica().equals(replica)) worker.execute(() -> consider(r));
        } else if (message instanceof RmMessage.Proposal p) {
            voters.execute(() -> voteOn(from, p, System.currentTimeMillis() + VOTE_PATIENCE_MILLIS));
        } else if (message instanceof RmMessage.Vote v) {
            onVote(v);
        } else if (message instanceof RmMessage.Replaced x) {
            synchronized (this) {
                health.replacedElsewhere(x.replica(), x.incarnation());
                audit.forget(x.replica());
                history.add(x.replica() + " replaced (" + x.reason() + ") at " + java.time.Instant.ofEpochMilli(x.atMillis()));
            }
        } else if (message instanceof CheckpointReport c) {
            pacer.reported(c.seq(), c.digestMicros(), System.currentTimeMillis());
            java.util.Set<String> wrongState;
            synchronized (this) {
                wrongState = audit.offer(c.seq(), c.replica(), c.digest(), replicasInView());
                java.util.Map<String, java.util.Set<String>> split = audit.split(c.seq());
                if (!split.isEmpty() && alarms.add(c.seq())) {
                    if (alarms.size() > 100) alarms.remove(alarms.first());
                    log.error("{}: ALARM: the replicas' states split two against two at seq {}: {}; nobody is replaced for it"
                            + " (more than one replica is wrong, beyond what the service masks)", name, c.seq(), split);
                }
            }
            if (wrongState.contains(replica)) {
                log.warn("{}: {} has a different state digest at seq {} than the others", name, replica, c.seq());
                worker.execute(() -> propose("CORRUPT"));
            }
        }
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

    /** A report about this manager's own replica: is there a case for replacing it? */
    private void consider(Report r) {
        switch (r.kind()) {
            case MISMATCH -> {
                boolean tooOften;
                synchronized (this) {
                    tooOften = health.wrongTooOften(replica);
                }
                if (tooOften) propose("WRONG");
            }
            case LATE -> {
                if (supervisor.answering()) {
                    falseSuspicions.incrementAndGet();
                    log.info("{}: {} was reported late but answers: a false suspicion, kept", name, replica);
                } else {
                    propose("CRASH");
                }
            }
            case MATCH -> { }
            case CONFLICT -> log.error("{}: ALARM: {} was one of two pairs of replicas that disagreed at seq {} ({});"
                    + " nobody is replaced for it", name, replica, r.seq(), r.detail());
        }
    }

    private void propose(String reason) {
        long id;
        int live = liveManagers().size();
        synchronized (this) {
            id = proposals.open(name, reason, ReplicaNames.COUNT, System.currentTimeMillis());
        }
        if (id == 0) return;
        log.info("{}: proposing to replace {} ({}), {} of {} managers live", name, replica, reason, live, ReplicaNames.COUNT);
        for (Address m : liveManagers()) {
            if (!m.equals(node.address())) node.send(m, new RmMessage.Proposal(id, replica, reason));
        }
        Agreement.Outcome o;
        synchronized (this) {
            o = proposals.outcome(id);
        }
        decided(o, reason);
    }

    /** Votes from this manager's own evidence, waiting a little for it (reports and views arrive in any order). */
    private void voteOn(Address proposer, RmMessage.Proposal p, long deadline) {
        boolean yes = evidence(p.replica(), p.reason());
        if (!yes && System.currentTimeMillis() < deadline) {
            voters.schedule(() -> voteOn(proposer, p, deadline), 100, TimeUnit.MILLISECONDS);
            return;
        }
        log.info("{}: votes {} on replacing {} ({})", name, yes ? "yes" : "no", p.replica(), p.reason());
        node.send(proposer, new RmMessage.Vote(p.id(), p.replica(), name, yes));
    }

    private boolean evidence(String r, String reason) {
        long now = System.currentTimeMillis();
        synchronized (this) {
            return switch (reason) {
                case "WRONG" -> health.wrongTooOften(r);
                case "CORRUPT" -> audit.divergent(r);
                default -> !inView(r) || health.recentlyLate(r, now);
            };
        }
    }

    /**
     * The first live manager (by name) orders a checkpoint when one is due ({@link AuditPacer}) and
     * anything was ordered since the last one: every replica then reports its digest at that same
     * sequence number.
     */
    private void orderDigestCheckpoint() {
        try {
            List<Address> managers = liveManagers();
            boolean first = managers.stream().map(String::valueOf).sorted().findFirst().map(name::equals).orElse(false);
            long delivered = node.delivered();
            long now = System.currentTimeMillis();
            if (!first || delivered <= auditedUpTo || !pacer.due(now)) return;
            auditedUpTo = delivered + 1;                       // the checkpoint itself takes a number
            pacer.ordered(now);
            node.submit(List.of(new ClientRequest(new RequestId(name + "-audit-" + startedAt, ++audits), audits,
                    node.address(), null, new Checkpoint(null))));
        } catch (RuntimeException e) {
            log.error("{}: cannot order a digest checkpoint", name, e);
        }
    }

    private final long startedAt = System.currentTimeMillis();
    private long audits;

    private void onVote(RmMessage.Vote v) {
        Agreement.Outcome o;
        String reason;
        synchronized (this) {
            o = proposals.vote(v.id(), v.voter(), v.yes());
            reason = proposals.reason();             // the proposal just voted on: the latest one
        }
        decided(o, reason);
    }

    /** Acts on a proposal's outcome, once: only the call that settled it sees YES or NO. */
    private void decided(Agreement.Outcome o, String reason) {
        if (o == Agreement.Outcome.PENDING) return;
        if (o == Agreement.Outcome.YES) {
            worker.execute(() -> replace(reason));
        } else {
            log.info("{}: the managers did not agree to replace {} ({})", name, replica, reason);
        }
    }

    private void replace(String reason) {
        try {
            log.info("{}: replacing {} ({}): the managers agreed", name, replica, reason);
            String old;
            synchronized (this) {
                old = health.replacing(replica);
            }
            supervisor.kill();
            replicaWasMember = false;
            replicaLeftViewAt = 0;
            supervisor.start(true, this::onReplicaExit);
            replicaRunning();
            long at = System.currentTimeMillis();
            synchronized (this) {
                health.forget(replica);          // anything counted about the old process while the new one started
                audit.forget(replica);
                history.add(replica + " replaced (" + reason + ") at " + java.time.Instant.ofEpochMilli(at));
            }
            for (Address m : liveManagers()) {
                if (!m.equals(node.address())) node.send(m, new RmMessage.Replaced(replica, reason, at, old));
            }
        } catch (IOException e) {
            log.error("{}: cannot start a replacement for {}", name, replica, e);
        } finally {
            synchronized (this) {
                proposals.replaced();
            }
        }
    }

    private int replicasInView() {
        View v = node.view();
        return v == null ? ReplicaNames.COUNT
                : (int) v.getMembers().stream().map(String::valueOf).filter(n -> ReplicaNames.index(n) >= 0).distinct().count();
    }

    private boolean inView(String member) {
        View v = node.view();
        return v != null && hasMember(v, member);
    }

    private static boolean hasMember(View v, String member) {
        return v.getMembers().stream().anyMatch(a -> String.valueOf(a).equals(member));
    }

    private List<Address> liveManagers() {
        View v = node.view();
        if (v == null) return List.of();
        return v.getMembers().stream().filter(a -> String.valueOf(a).startsWith("RM")).toList();
    }

    synchronized void status(Json j) {
        j.put("replica", replica).put("replicaPid", supervisor.pid().orElse(-1L)).put("replicaAlive", supervisor.alive())
                .put("wrongRuns", health.wrongRuns()).put("replacements", List.copyOf(history))
                .put("auditSpacingMs", pacer.spacingMillis()).put("digestSplits", List.copyOf(alarms))
                .put("falseSuspicions", falseSuspicions.get());
    }

    void stop() {
        stopping = true;
        supervisor.dropSpare();
        worker.shutdownNow();
        voters.shutdownNow();
    }
}
