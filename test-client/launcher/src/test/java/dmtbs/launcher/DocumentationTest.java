package dmtbs.launcher;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documents (README.md and docs/) point at what exists: every relative link reaches a file (and
 * a heading, when it names one), and every test they name is a test method of the project (a class
 * ending in Test, the method annotated @Test, neither disabled). A renamed test or a moved file
 * fails the build instead of leaving the documents wrong.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /** `SomethingTest`, `SomethingTest.method`, `SomethingTest.method…`, `…method`, `…methodPrefix…` in backticks. */
    private static final Pattern TEST_REF = Pattern.compile("`(?:([A-Z][A-Za-z0-9]*Test)(?:\\.([a-zA-Z_][A-Za-z0-9_]*)(…)?)?|…([a-zA-Z_][A-Za-z0-9_]*)(…)?)`");

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** Every test source file of the project, by class name. */
    private static Map<String, String> testSources() throws IOException {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> s = Files.walk(ROOT)) {
            for (Path p : s.filter(p -> p.toString().endsWith("Test.java") && p.toString().contains("/src/test/java/")
                    && !p.toString().contains("/target/")).toList()) {
                sources.put(p.getFileName().toString().replace(".java", ""), Files.readString(p));
            }
        }
        return sources;
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static Set<String> anchors(Path markdown) throws IOException {
        return Files.readAllLines(markdown).stream().filter(l -> l.startsWith("#")).map(l -> slug(l.replaceFirst("^#+", "")))
                .collect(Collectors.toSet());
    }

    @Test
    void everyRelativeLinkReachesAFileAndItsHeading() throws IOException {
        List<String> dead = new ArrayList<>();
        int links = 0;
        for (Path doc : documents()) {
            Matcher m = LINK.matcher(Files.readString(doc));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) continue;                    // http:, https:, mailto:
                links++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) dead.add(ROOT.relativize(doc) + ": " + target + " (no such file)");
                else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    dead.add(ROOT.relativize(doc) + ": " + target + " (no such heading)");
                }
            }
        }
        assertEquals(List.of(), dead);
        assertTrue(links > 0, "the documents' links were read: " + links);
    }

    @Test
    void everyTestTheDocumentsNameExistsAndRuns() throws IOException {
        Map<String, String> sources = testSources();
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (Path doc : documents()) {
            Matcher m = TEST_REF.matcher(Files.readString(doc));
            while (m.find()) {
                named++;
                String cls = m.group(1), method = m.group(2) != null ? m.group(2) : m.group(4);
                boolean prefix = (m.group(2) != null && m.group(3) != null) || (m.group(4) != null && m.group(5) != null);
                String where = ROOT.relativize(doc) + ": " + m.group();
                if (cls != null && !sources.containsKey(cls)) {
                    missing.add(where + " (no test class " + cls + ")");
                    continue;
                }
                if (method == null) continue;
                List<String> in = cls != null ? List.of(sources.get(cls)) : List.copyOf(sources.values());
                if (in.stream().noneMatch(src -> runs(src, method, prefix))) missing.add(where + " (no @Test method " + method + (prefix ? "…" : "") + ")");
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(named > 20, "the documents' test names were read: " + named);
    }

    /** A method of that name (or starting so) with @Test just before it, in a class that is not disabled. */
    private static boolean runs(String source, String method, boolean prefix) {
        if (source.contains("@Disabled")) return false;
        Matcher m = Pattern.compile("@Test\\b[^{;]*?\\bvoid (" + Pattern.quote(method) + (prefix ? "[A-Za-z0-9_]*" : "") + ")\\s*\\(").matcher(source);
        return m.find();
    }
}
