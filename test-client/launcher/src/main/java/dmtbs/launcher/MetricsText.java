package dmtbs.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins several Prometheus text expositions into one. The format wants each metric family once,
 * with its HELP and TYPE before all its samples; two front ends' expositions name the same
 * families (their samples differ by the {@code member} label), so plain concatenation would not parse.
 */
final class MetricsText {

    private MetricsText() {}

    static String merge(List<String> expositions) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Map<String, List<String>> samples = new LinkedHashMap<>();
        for (String text : expositions) {
            String family = null;
            for (String line : text.split("\n")) {
                if (line.isBlank()) continue;
                if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                    family = line.split(" ", 4)[2];
                    List<String> h = headers.computeIfAbsent(family, f -> new ArrayList<>());
                    if (h.stream().noneMatch(l -> l.startsWith(line.substring(0, 6)))) h.add(line);
                    samples.computeIfAbsent(family, f -> new ArrayList<>());
                } else if (!line.startsWith("#")) {
                    samples.computeIfAbsent(family == null ? "" : family, f -> new ArrayList<>()).add(line);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        samples.forEach((family, lines) -> {
            headers.getOrDefault(family, List.of()).forEach(h -> out.append(h).append('\n'));
            lines.forEach(l -> out.append(l).append('\n'));
        });
        return out.toString();
    }
}
