package dmtbs.launcher;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The human form of {@code bin/dmtbs status}. */
final class StatusTable {
    private StatusTable() {}

    /**
     * What a process reports (names, reasons, members) goes to a terminal: control characters, escape
     * sequences among them, are shown as '?' instead of being obeyed.
     */
    static String printable(Object value) {
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    static void print(List<Object> processes, PrintStream out) {
        String coordinator = processes.stream().map(p -> (Map<String, Object>) p)
                .filter(p -> p.get("coordinator") != null).map(p -> String.valueOf(p.get("coordinator"))).findFirst().orElse("?");
        Object members = processes.stream().map(p -> (Map<String, Object>) p)
                .filter(p -> p.get("members") != null).map(p -> p.get("members")).findFirst().orElse(List.of());
        out.println(printable("group view: " + members + "   coordinator (sequencer): " + coordinator));
        out.printf("%-12s %-10s %-10s %-13s %8s %10s %-16s %s%n", "process", "host", "state", "implementation", "pid", "applied", "digest", "notes");
        for (Object o : processes) {
            Map<String, Object> p = (Map<String, Object>) o;
            String digest = p.get("digest") == null ? "" : String.valueOf(p.get("digest"));
            String notes = "";
            if (p.get("digestAt") != null && !p.get("digestAt").equals(p.get("lastApplied"))) notes += "digest at " + p.get("digestAt") + " ";
            if (Boolean.TRUE.equals(p.get("sequencer"))) notes += "sequencer ";
            if (p.get("mode") != null && !"HONEST".equals(p.get("mode"))) notes += "mode " + p.get("mode") + " ";
            if (p.get("mismatches") != null) notes += "mismatches " + p.get("mismatches") + " ";
            if (p.get("replacements") instanceof List<?> l && !l.isEmpty()) notes += "history " + l + " ";
            if (p.get("wrongRuns") instanceof Map<?, ?> w && !w.isEmpty()) notes += "wrong-in-a-row " + w + " ";
            if (Boolean.TRUE.equals(p.get("recovering"))) notes += "recovering (state transfer) ";
            if (Boolean.TRUE.equals(p.get("verifying"))) notes += "checking its restored history against two others ";
            if (p.get("durableSeq") != null) notes += "on disk to " + p.get("durableSeq") + " (snapshot " + p.get("snapshotSeq") + ") ";
            if (p.get("pending") != null) notes += "pending " + p.get("pending") + " suspect after " + p.get("suspicionThresholdMs") + " ms";
            out.println(printable(String.format("%-12s %-10s %-10s %-13s %8s %10s %-16s %s", p.get("name"), p.getOrDefault("host", ""), p.get("state"),
                    p.getOrDefault("implementation", ""), p.getOrDefault("pid", ""),
                    p.get("lastApplied") == null ? p.getOrDefault("delivered", "") : p.get("lastApplied"),
                    digest.length() > 16 ? digest.substring(0, 16) : digest, notes.strip())));
        }
    }
}
