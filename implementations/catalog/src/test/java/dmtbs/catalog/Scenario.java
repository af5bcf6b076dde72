package dmtbs.catalog;

import dmtbs.booking.RequestText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A conformance scenario read from a text file (etcd-raft "datadriven" style): from the empty state,
 * {@code date YYYY-MM-DD} sets the business date, a request line {@code <requester> <op> <args…>} is
 * followed by {@code => <canonical result>}. Tokens may use \n, \t, \s; {@code ""} is the empty string.
 */
record Scenario(String file, String name, List<Check> checks) {

    record Check(int line, Step step, String expected) {}

    static List<Scenario> readAll(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Scenario> out = new ArrayList<>();
        String name = null;
        List<Check> checks = null;
        LocalDate date = null;
        Step pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = file.getFileName() + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("scenario:")) {
                if (pending != null) throw new IllegalArgumentException(where + ": request without '=>' before it");
                name = line.substring("scenario:".length()).strip();
                checks = new ArrayList<>();
                out.add(new Scenario(file.getFileName().toString(), name, checks));
                date = null;
            } else if (checks == null) {
                throw new IllegalArgumentException(where + ": text before the first scenario");
            } else if (line.startsWith("date ")) {
                date = LocalDate.parse(line.substring(5).strip());
            } else if (line.startsWith("=> ")) {
                if (pending == null) throw new IllegalArgumentException(where + ": '=>' without a request");
                checks.add(new Check(pendingLine, pending, line.substring(3)));
                pending = null;
            } else {
                if (pending != null) throw new IllegalArgumentException(where + ": request without '=>'");
                if (date == null) throw new IllegalArgumentException(where + ": request before any date");
                List<String> tokens = Arrays.stream(line.split(" +")).map(Scenario::unescape).toList();
                pending = new Step(date, RequestText.parse(tokens.get(0), tokens.get(1), tokens.subList(2, tokens.size())));
                pendingLine = i + 1;
            }
        }
        if (pending != null) throw new IllegalArgumentException(file + ": last request has no '=>'");
        return out;
    }

    private static String unescape(String token) {
        if (token.equals("\"\"")) return "";
        return token.replace("\\n", "\n").replace("\\t", "\t").replace("\\s", " ");
    }
}
