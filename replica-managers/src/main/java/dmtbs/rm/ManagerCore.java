package dmtbs.rm;

import dmtbs.group.msg.CheckpointReport;
import dmtbs.group.msg.ReplicaNames;
import dmtbs.group.msg.Report;
import dmtbs.group.msg.RequestId;
import dmtbs.group.msg.RmMessage;
import dmtbs.group.node.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every decision of one replica manager, pure: no threads, clocks or sockets. The shell
 * ({@link RmRole}) and the cluster simulation feed it the same inputs — the view, the front end's
 * reports, the other managers' proposals, votes and replacement notices, the replicas' digests, and
 * what the process supervisor saw — each with the time it happened, and carry out its
 * {@link Effects}. Not thread-safe: the caller serialises every call.
 *
 * <p>The manager replaces its replica only when a majority of all four managers agrees (three; a
 * manager cut off from the others decides nothing): after three incorrect results in a row (WRONG),
 * when its state digest at an ordered checkpoint differs from two others that agree (CORRUPT), when
 * the process is dead, frozen or silent (CRASH), or when it stays out of the view although it
 * answers (EXCLUDED). A late but answering replica is kept.
 */
public final class ManagerCore {

    private static final Logger log = LoggerFactory.getLogger(ManagerCore.class);
    /** How long a manager waits for evidence of its own before it votes no (reports and views arrive in any order). */
    static final long VOTE_PATIENCE_MILLIS = 3_000;
    static final long PROPOSAL_TIMEOUT_MILLIS = 6_000;
    /** Out of the view this long and not answering: crashed, even when no request shows it late. */
    static final long LEFT_VIEW_GRACE_MILLIS = 2_000;
    /**
     * Out of the view this long even though it answers: cut off from the group (it receives no
     * order), so as good as crashed. Twice MERGE3's longest interval, so a healed partition merges first.
     */
    static final long OUT_OF_VIEW_LIMIT_MILLIS = 30_000;

    /** What the manager does to the world. */
    public interface Effects {
        /** Sends a proposal, vote or replacement notice to the manager of that name. */
        void send(String manager, Object message);

        /**
         * Kills this manager's replica and starts a new process for it; the shell reports back with
         * {@link #replacementStarted} or {@link #replacementFailed}.
         */
        void replace(String reason);

        /** Orders a digest checkpoint: every replica reports its digest at the number it gets. */
        void orderCheckpoint(RequestId id, long lowWater);
    }

    /** What the process supervisor saw of this manager's replica ({@code answering} null: not asked). */
    public record ProcessFacts(boolean started, boolean alive, Boolean answering) {}

    private record Ballot(String proposer, RmMessage.Proposal proposal, long deadline) {}

    private final String name;
    private final String replica;
    private final int electorate;
    private final Effects effects;
    private final ReplicaHealth health = new ReplicaHealth();
    private final DigestAudit audit = new DigestAudit();
    private final AuditPacer pacer;
    private final ReplacementProposals proposals = new ReplacementProposals(PROPOSAL_TIMEOUT_MILLIS);
    private final List<Ballot> ballots = new ArrayList<>();
    private final List<String> history = new ArrayList<>();
    /** Checkpoints whose digests split two against two (each logged once). */
    private final SortedSet<Long> alarms = new TreeSet<>();
    private final long startedAt;
    private List<String> view = List.of();
    private long auditedUpTo;
    private long audits;
    /** LATE reports about this manager's replica while it answered: suspicions found false. */
    private long falseSuspicions;
    /** A LATE report about this manager's replica waits for the supervisor to say whether it answers. */
    private boolean lateUnchecked;
    /** The reason of the replacement under way, and the process it retires. */
    private String replacingFor;
    private String retiring;
    /** The replica has been a member of the view since it was (re)started. */
    private boolean replicaWasMember;
    /** When the replica, once a member, left the view (0: it is in the view, or has not joined yet). */
    private long replicaLeftViewAt;

    /**
     * {@code electorate}: the managers a majority is counted over, all of them
     * ({@link ReplicaNames#COUNT}) whoever is in the view; the simulation plants a bug with another
     * value to see it caught.
     */
    public ManagerCore(String name, String replica, int electorate, long auditPeriodMillis, long nowMillis, Effects effects) {
        this.name = name;
        this.electorate = electorate;
        this.replica = replica;
        this.effects = effects;
        this.pacer = new AuditPacer(auditPeriodMillis, nowMillis);
        this.startedAt = nowMillis;
    }

    public String name() { return name; }

    public String replica() { return replica; }

    // ---------------------------------------------------------------- inputs

    /** A new view: its members' names, and the process holding each replica's name (replica to incarnation). */
    public void view(List<String> members, Map<String, String> replicaHolders, long now) {
        view = List.copyOf(members);
        health.view(replicaHolders);
        if (members.contains(replica)) {
            replicaWasMember = true;
            replicaLeftViewAt = 0;
        } else if (replicaWasMember && replicaLeftViewAt == 0) {
            replicaLeftViewAt = now;
        }
        castBallots(now);
    }

    /** A report from the front end (the shell checked it came from one). */
    public void report(Report r, long now) {
        if (!health.onReport(r, now)) {
            log.info("{}: ignored a {} report about {} (process {}, seq {}): that process was replaced, or a verdict"
                    + " on a later request counted already", name, r.kind(), r.replica(), r.incarnation(), r.seq());
            return;
        }
        if (r.replica().equals(replica)) {
            switch (r.kind()) {
                case MISMATCH -> {
                    if (health.wrongTooOften(replica)) propose("WRONG", now);
                }
                case LATE -> lateUnchecked = true;
                case MATCH -> { }
                case CONFLICT -> note(Level.ERROR, "ALARM: " + replica + " was one of two pairs of replicas that disagreed at seq "
                        + r.seq() + " (" + r.detail() + "); nobody is replaced for it");
            }
        }
        castBallots(now);
    }

    /** Another manager proposes to replace its replica: vote from this manager's own evidence, waiting a little for it. */
    public void proposal(String proposer, RmMessage.Proposal p, long now) {
        ballots.add(new Ballot(proposer, p, now + VOTE_PATIENCE_MILLIS));
        castBallots(now);
    }

    public void vote(RmMessage.Vote v, long now) {
        Agreement.Outcome o = proposals.vote(v.id(), v.voter(), v.yes());
        decided(o, proposals.reason());             // the proposal just voted on: the latest one
    }

    /** Another manager replaced its replica's process. */
    public void replacedElsewhere(RmMessage.Replaced x) {
        health.replacedElsewhere(x.replica(), x.incarnation());
        audit.forget(x.replica());
        history.add(x.replica() + " replaced (" + x.reason() + ") at " + Instant.ofEpochMilli(x.atMillis()));
    }

    /** A replica's digest at an ordered checkpoint. */
    public void checkpoint(CheckpointReport c, long now) {
        pacer.reported(c.seq(), c.digestMicros(), now);
        Set<String> wrongState = audit.offer(c.seq(), c.replica(), c.digest(), replicasInView());
        Map<String, Set<String>> split = audit.split(c.seq());
        if (!split.isEmpty() && alarms.add(c.seq())) {
            if (alarms.size() > 100) alarms.remove(alarms.first());
            note(Level.ERROR, "ALARM: the replicas' states split two against two at seq " + c.seq() + ": " + split
                    + "; nobody is replaced for it (more than one replica is wrong, beyond what the service masks)");
        }
        if (wrongState.contains(replica)) {
            note(Level.WARN, "digest audit: " + replica + " has a different state digest at seq " + c.seq() + " than the others");
            propose("CORRUPT", now);
        }
        castBallots(now);
    }

    /**
     * Frequent (every 100 ms or so): drops a stale proposal so it can be retried, casts the votes
     * whose evidence arrived or whose patience ran out, and, at the first live manager by name, orders a
     * digest checkpoint when one is due and anything was ordered since the last ({@code delivered}: the
     * highest sequence number this member delivered).
     */
    public void tick(long now, long delivered) {
        proposals.expire(now);
        castBallots(now);
        boolean first = managers().stream().sorted().findFirst().map(name::equals).orElse(false);
        if (first && delivered > auditedUpTo && pacer.due(now)) {
            auditedUpTo = delivered + 1;                       // the checkpoint itself takes a number
            pacer.ordered(now);
            audits++;
            effects.orderCheckpoint(new RequestId(name + "-audit-" + startedAt, audits), audits);
        }
    }

    /**
     * Whether the next {@link #process} call needs to know if the replica answers (the shell asks it,
     * which takes time): after a LATE report, or while the replica is out of the view.
     */
    public boolean wantsAnswering(long now) {
        long left = replicaLeftViewAt;
        return lateUnchecked || (left != 0 && now - left >= LEFT_VIEW_GRACE_MILLIS && now - left < OUT_OF_VIEW_LIMIT_MILLIS);
    }

    /**
     * What the supervisor saw (every second, and after a LATE report): a dead replica, or one that left
     * the view and does not answer (frozen while no request was in flight, so nothing was reported
     * late), is a crash to propose; one that stays out of the view although it answers is EXCLUDED.
     */
    public void process(ProcessFacts facts, long now) {
        if (!facts.started()) return;
        long left = replicaLeftViewAt;
        boolean answering = facts.alive() && !Boolean.FALSE.equals(facts.answering());
        if (lateUnchecked && facts.answering() != null) {
            lateUnchecked = false;
            if (answering) {
                falseSuspicions++;
                note(Level.INFO, replica + " was reported late but answers: a false suspicion, kept");
            } else {
                propose("CRASH", now);
            }
        }
        if (!facts.alive()) propose("CRASH", now);
        else if (left != 0 && now - left >= OUT_OF_VIEW_LIMIT_MILLIS) propose("EXCLUDED", now);
        else if (left != 0 && now - left >= LEFT_VIEW_GRACE_MILLIS && !answering) propose("CRASH", now);
    }

    /** The new process runs: anything counted about the old one while it started is forgotten, and the others hear of it. */
    public void replacementStarted(long now) {
        health.forget(replica);
        audit.forget(replica);
        history.add(replica + " replaced (" + replacingFor + ") at " + Instant.ofEpochMilli(now));
        for (String m : managers()) {
            if (!m.equals(name)) effects.send(m, new RmMessage.Replaced(replica, replacingFor, now, retiring));
        }
        replicaRestarted();
        proposals.replaced();
    }

    /** No new process could be started: a later proposal may try again. */
    public void replacementFailed() {
        replicaRestarted();
        proposals.replaced();
    }

    // ---------------------------------------------------------------- decisions

    private void propose(String reason, long now) {
        long id = proposals.open(name, reason, electorate, now);
        if (id == 0) return;
        List<String> managers = managers();
        note(Level.INFO, "proposes to replace " + replica + " (" + reason + "), " + managers.size() + " of " + electorate + " managers live");
        for (String m : managers) {
            if (!m.equals(name)) effects.send(m, new RmMessage.Proposal(id, replica, reason));
        }
        decided(proposals.outcome(id), reason);
    }

    /** Acts on a proposal's outcome, once: only the call that settled it sees YES or NO. */
    private void decided(Agreement.Outcome o, String reason) {
        if (o == Agreement.Outcome.PENDING) return;
        if (o == Agreement.Outcome.NO) {
            note(Level.INFO, "the managers did not agree to replace " + replica + " (" + reason + ")");
            return;
        }
        note(Level.INFO, "replacing " + replica + " (" + reason + "): the managers agreed");
        replacingFor = reason;
        retiring = health.replacing(replica);
        lateUnchecked = false;
        effects.replace(reason);
    }

    private void replicaRestarted() {
        replicaWasMember = false;
        replicaLeftViewAt = 0;
    }

    /** Votes yes as soon as the evidence is here, no once the patience ran out. */
    private void castBallots(long now) {
        for (Iterator<Ballot> it = ballots.iterator(); it.hasNext(); ) {
            Ballot b = it.next();
            boolean yes = evidence(b.proposal().replica(), b.proposal().reason(), now);
            if (!yes && now < b.deadline()) continue;
            it.remove();
            note(Level.INFO, "votes " + (yes ? "yes" : "no") + " on replacing " + b.proposal().replica() + " (" + b.proposal().reason() + ")");
            effects.send(b.proposer(), new RmMessage.Vote(b.proposal().id(), b.proposal().replica(), name, yes));
        }
    }

    private boolean evidence(String r, String reason, long now) {
        return switch (reason) {
            case "WRONG" -> health.wrongTooOften(r);
            case "CORRUPT" -> audit.divergent(r);
            default -> !view.contains(r) || health.recentlyLate(r, now);
        };
    }

    private List<String> managers() { return view.stream().filter(m -> m.startsWith("RM")).toList(); }

    private int replicasInView() {
        return view.isEmpty() ? ReplicaNames.COUNT : (int) view.stream().filter(n -> ReplicaNames.index(n) >= 0).distinct().count();
    }

    // ---------------------------------------------------------------- what it knows

    public boolean replacing() { return proposals.replacing(); }

    public Map<String, Integer> wrongRuns() { return new HashMap<>(health.wrongRuns()); }

    public List<String> history() { return List.copyOf(history); }

    public long falseSuspicions() { return falseSuspicions; }

    public List<Long> digestSplits() { return List.copyOf(alarms); }

    /**
     * What this manager decided and saw (proposals, votes, decisions, alarms, digest audits that found
     * a replica apart), logged and kept: the last {@link #JOURNAL_SIZE}, each numbered, so that a
     * reader of the status (the console's timeline) takes each once.
     */
    private void note(Level level, String text) {
        switch (level) {
            case ERROR -> log.error("{}: {}", name, text);
            case WARN -> log.warn("{}: {}", name, text);
            default -> log.info("{}: {}", name, text);
        }
        journal.addLast(++journalled + " " + text);
        if (journal.size() > JOURNAL_SIZE) journal.removeFirst();
    }

    private enum Level { INFO, WARN, ERROR }

    private static final int JOURNAL_SIZE = 64;
    private final java.util.ArrayDeque<String> journal = new java.util.ArrayDeque<>();
    private long journalled;

    public void status(Json j) {
        j.put("journal", List.copyOf(journal));
        j.put("wrongRuns", health.wrongRuns()).put("replacements", List.copyOf(history))
                .put("auditSpacingMs", pacer.spacingMillis()).put("digestSplits", List.copyOf(alarms))
                .put("falseSuspicions", falseSuspicions);
    }
}
