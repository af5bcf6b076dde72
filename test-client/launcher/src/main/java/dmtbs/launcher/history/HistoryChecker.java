package dmtbs.launcher.history;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.Request;
import dmtbs.booking.RequestText;
import dmtbs.booking.Result;
import dmtbs.launcher.history.HistoryVerdict.Kind;
import dmtbs.launcher.history.HistoryVerdict.OperationCounts;
import dmtbs.launcher.history.HistoryVerdict.OrderCounts;
import dmtbs.launcher.history.HistoryVerdict.Violation;
import dmtbs.replica.RequestLogLine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a history of calls against the order the replicas applied, the way Jepsen checks a
 * history: the order is replayed, request by request at the business date it was stamped with,
 * through a model of the rules that is none of the replicas, and
 * <ul>
 * <li>every sequence number from 1 to the last is there (a gap: what follows cannot be checked);</li>
 * <li>every ordered request is a recorded call, with that call's parameters (a query without identity
 *     excepted: it changes nothing);</li>
 * <li>each call is applied at most once: its first copy in the order is applied, a later copy (a retry
 *     through another front end) is answered with the first one's answer without being applied, and a
 *     copy of a call older than the client's latest is refused (BAD_REQUEST) without being applied;
 *     the logs' own account ({@code applied} or {@code repeat}) must say the same;</li>
 * <li>every acknowledged call is in the order, unless it was refused before ordering (BAD_REQUEST and
 *     NOT_AUTHORIZED depend on the request alone, booking-rules.md §4), and its answer is the model's at its
 *     place (a query's, at one of its places: a retried query is applied again, harmlessly);</li>
 * <li>no show is overbooked in the model's state after any step;</li>
 * <li>the order agrees with real time (a call that ended before another started comes first) and the
 *     business date never goes back.</li>
 * </ul>
 * Pure: no I/O, no clock; the same inputs give the same verdict.
 */
public final class HistoryChecker {

    private static final Pattern MOVE = Pattern.compile(" [A-Z]{3}C\\d{4}:\\d+>(\\S+)");

    private final Map<String, RecordedCall> callsByKey = new HashMap<>();
    private final List<RecordedCall> calls;
    private final AppliedOrder order;
    private final BookingMachine model;
    private final Supplier<BookingMachine> models;
    private final List<Violation> violations = new ArrayList<>();
    /** Each client's latest state-changing call: its retention ID and the answer it got. */
    private final Map<String, Session> sessions = new HashMap<>();
    /** Where each call was applied, and the model's answer there. */
    private final Map<String, List<Place>> applied = new HashMap<>();
    private long appliedCount, repeats, checkpoints, unrecordedQueries, moved, dropped;
    private boolean overbooked;

    private record Session(long retention, String answer) {}

    private record Place(long seq, String answer) {}

    private HistoryChecker(List<RecordedCall> calls, AppliedOrder order, Supplier<BookingMachine> models) {
        this.calls = calls;
        this.order = order;
        this.models = models;
        this.model = models.get();
        for (RecordedCall c : calls) {
            if (callsByKey.put(c.key(), c) != null) throw new IllegalArgumentException("two recorded calls have the key " + c.key());
        }
    }

    /**
     * @param calls every call the clients made (keys unique)
     * @param order the order the replicas applied
     * @param models makes an empty model of the rules (one replays the order; fresh ones tell which
     *        refusals need no state)
     */
    public static HistoryVerdict check(List<RecordedCall> calls, AppliedOrder order, Supplier<BookingMachine> models) {
        return new HistoryChecker(calls, order, models).run();
    }

    private HistoryVerdict run() {
        order.disagreements().forEach(d -> violations.add(new Violation(Kind.DISAGREEMENT, d)));
        long checkedUpTo = replay();
        boolean complete = checkedUpTo == order.last();
        long refusedUnordered = 0, unknownApplied = 0, unknownNotApplied = 0;
        for (RecordedCall c : calls) {
            List<Place> places = applied.getOrDefault(c.key(), List.of());
            if (!c.acknowledged()) {
                if (places.isEmpty()) unknownNotApplied++;
                else unknownApplied++;
            } else if (places.isEmpty()) {
                String stateless = refusalWithoutState(c.request());
                if (stateless != null) {
                    refusedUnordered++;
                    if (!stateless.equals(c.answer())) wrong(c, stateless, "refused before ordering");
                } else if (complete) {
                    violations.add(new Violation(Kind.MISSING, describe(c) + " was acknowledged (" + c.answer() + ") but is not in the order"));
                }
            } else if (places.stream().noneMatch(p -> p.answer().equals(c.answer()))) {
                wrong(c, places.get(0).answer(), "at seq " + places.get(0).seq());
            }
        }
        checkRealTime();
        OrderCounts counts = new OrderCounts(order.last(), checkedUpTo, appliedCount, repeats, checkpoints, unrecordedQueries,
                refusedUnordered, unknownApplied, unknownNotApplied, moved, dropped);
        return new HistoryVerdict(operationCounts(), counts, violations);
    }

    /** Replays 1..N, or up to the first gap; returns how far it got. */
    private long replay() {
        LocalDate lastDate = null;
        long seq = 1;
        for (; seq <= order.last(); seq++) {
            RequestLogLine e = order.entries().get(seq);
            if (e == null) {
                gap(seq);
                return seq - 1;
            }
            if (lastDate != null && e.businessDate().isBefore(lastDate)) {
                violations.add(new Violation(Kind.DATE_BACK, "seq " + seq + " is stamped " + e.businessDate() + " after " + lastDate));
            }
            lastDate = e.businessDate();
            if (e.isCheckpoint()) checkpoints++;
            else if (!e.isControl()) step(e);                  // a date change moves only the stamps after it
        }
        return seq - 1;
    }

    private void gap(long from) {
        long to = order.entries().tailMap(from).isEmpty() ? order.last() : order.entries().tailMap(from).firstKey() - 1;
        violations.add(new Violation(Kind.GAP, "no log has seq " + (from == to ? from : from + "-" + to) + " (the order has "
                + order.last() + "): the history after seq " + (from - 1) + " cannot be checked"));
    }

    private void step(RequestLogLine e) {
        RecordedCall call = e.clientKey() == null ? null : callsByKey.get(e.clientKey());
        if (call == null) {
            if (e.clientKey() == null && isQuery(e)) unrecordedQueries++;
            else violations.add(new Violation(Kind.PHANTOM, "seq " + e.seq() + " " + AppliedOrder.describe(e) + " is no recorded call"));
            return;
        }
        if (!e.operation().equals(call.request().operation()) || !e.parameters().equals(RequestLogLine.parametersOf(call.request()))) {
            violations.add(new Violation(Kind.ALTERED, "seq " + e.seq() + " " + AppliedOrder.describe(e) + " is not what " + describe(call) + " asked"));
            return;
        }
        int at = call.key().lastIndexOf('@');
        String client = call.key().substring(0, at);
        long retention = Long.parseLong(call.key().substring(at + 1));
        Session latest = sessions.get(client);
        boolean repeat = latest != null && retention <= latest.retention();
        if (repeat) {
            repeats++;
            List<Place> first = applied.get(call.key());
            if (e.applied()) {
                violations.add(new Violation(Kind.DUPLICATE, "seq " + e.seq() + " applied " + describe(call) + " again"
                        + (first == null ? " (a copy of an older call)" : " (first at seq " + first.get(0).seq() + ")")));
            }
            return;
        }
        if (!e.applied()) {
            violations.add(new Violation(Kind.NOT_APPLIED, "seq " + e.seq() + " answered " + describe(call)
                    + " as a repeat, but it had not been applied"));
        }
        appliedCount++;
        Result result = model.apply(call.request(), e.businessDate());
        String answer = result.canonical();
        applied.computeIfAbsent(call.key(), k -> new ArrayList<>()).add(new Place(e.seq(), answer));
        if (call.request().readOnly()) return;
        sessions.put(client, new Session(retention, answer));
        if (result instanceof Result.Done done) {
            if (call.request() instanceof Request.RemoveMovieSlots) countMoves(done.text());
            checkState(e.seq());
        }
    }

    /**
     * A query without identity, from outside the history (the launcher's readiness probe): it changes
     * nothing, so the order stays checkable; anything else unrecorded is a phantom.
     */
    private static boolean isQuery(RequestLogLine e) {
        List<String> args = List.of(e.parameters().split(" ", -1));
        try {
            return RequestText.parse(args.get(0), e.operation(), args.subList(1, args.size())).readOnly();
        } catch (IllegalArgumentException notARequest) {
            return false;
        }
    }

    private void countMoves(String removed) {
        Matcher m = MOVE.matcher(removed);
        while (m.find()) {
            if (m.group(1).equals("NONE")) dropped++;
            else moved++;
        }
    }

    /** The model's state is exported, which checks booked ≤ capacity per show; once broken, reported once. */
    private void checkState(long seq) {
        if (overbooked) return;
        try {
            model.exportState();
        } catch (IllegalArgumentException broken) {
            overbooked = true;
            violations.add(new Violation(Kind.OVERBOOKED, "after seq " + seq + ": " + broken.getMessage()));
        }
    }

    /** BAD_REQUEST or NOT_AUTHORIZED, which any state gives (so an empty one does); else null. */
    private String refusalWithoutState(Request request) {
        LocalDate any = order.entries().isEmpty() ? LocalDate.EPOCH : order.entries().get(order.entries().firstKey()).businessDate();
        String answer = models.get().apply(request, any).canonical();
        return answer.equals("REFUSED BAD_REQUEST") || answer.equals("REFUSED NOT_AUTHORIZED") ? answer : null;
    }

    /**
     * Acknowledged calls in order of their place: if one was placed after another that started only
     * once it had ended, the order contradicts what the clients saw.
     */
    private void checkRealTime() {
        List<Map.Entry<Long, RecordedCall>> placed = new ArrayList<>();
        for (RecordedCall c : calls) {
            if (!c.acknowledged()) continue;          // a late copy of an unknown call may be ordered after it "ended"
            applied.getOrDefault(c.key(), List.of()).stream().filter(p -> p.answer().equals(c.answer())).findFirst()
                    .ifPresent(p -> placed.add(Map.entry(p.seq(), c)));
        }
        placed.sort(Map.Entry.comparingByKey());
        RecordedCall latestStart = null;
        for (Map.Entry<Long, RecordedCall> e : placed) {
            RecordedCall c = e.getValue();
            if (latestStart != null && latestStart.startNanos() > c.endNanos()) {
                violations.add(new Violation(Kind.REAL_TIME, describe(c) + " ended before " + describe(latestStart)
                        + " started, yet is ordered after it (seq " + e.getKey() + ")"));
            }
            if (latestStart == null || c.startNanos() > latestStart.startNanos()) latestStart = c;
        }
    }

    private void wrong(RecordedCall c, String expected, String where) {
        violations.add(new Violation(Kind.WRONG_ANSWER, describe(c) + " was answered " + c.answer() + "; the model says " + expected
                + " (" + where + ")"));
    }

    private SortedMap<String, OperationCounts> operationCounts() {
        SortedMap<String, OperationCounts> out = new TreeMap<>();
        Map<String, List<RecordedCall>> byOperation = new TreeMap<>();
        calls.forEach(c -> byOperation.computeIfAbsent(c.request().operation(), k -> new ArrayList<>()).add(c));
        byOperation.forEach((op, list) -> {
            SortedMap<String, Long> outcomes = new TreeMap<>(Comparator.comparing((String o) -> !o.equals("OK")).thenComparing(o -> o));
            list.stream().filter(RecordedCall::acknowledged).forEach(c -> outcomes.merge(c.outcome(), 1L, Long::sum));
            long acknowledged = outcomes.values().stream().mapToLong(Long::longValue).sum();
            out.put(op, new OperationCounts(list.size(), acknowledged, list.size() - acknowledged, outcomes));
        });
        return out;
    }

    private static String describe(RecordedCall c) {
        return "call " + c.key() + " (" + c.request().operation() + " " + RequestLogLine.parametersOf(c.request()) + ")";
    }
}
