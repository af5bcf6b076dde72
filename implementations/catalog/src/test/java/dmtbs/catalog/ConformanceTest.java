package dmtbs.catalog;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.Result;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every scenario in src/test/resources/conformance, run against each of the four implementations. */
class ConformanceTest {

    static List<Scenario> scenarios() throws IOException, URISyntaxException {
        Path dir = Path.of(ConformanceTest.class.getResource("/conformance").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".txt")).sorted()
                    .flatMap(p -> Scenario.readAll(p).stream()).toList();
        }
    }

    @Test
    void theSuiteHasAtLeastSixtyScenarios() throws Exception {
        assertTrue(scenarios().size() >= 60, "scenarios: " + scenarios().size());
    }

    @TestFactory
    Stream<DynamicNode> everyImplementationPassesEveryScenario() throws Exception {
        List<Scenario> all = scenarios();
        return Implementations.NAMES.stream().map(impl -> DynamicContainer.dynamicContainer(impl,
                all.stream().map(s -> DynamicTest.dynamicTest(s.file() + ": " + s.name(), () -> run(impl, s)))));
    }

    private static void run(String impl, Scenario scenario) {
        BookingMachine machine = Implementations.create(impl);
        for (Scenario.Check check : scenario.checks()) {
            Result result = machine.apply(check.step().request(), check.step().date());
            assertEquals(check.expected(), result.canonical(),
                    () -> scenario.file() + ":" + check.line() + " " + check.step());
        }
    }
}
