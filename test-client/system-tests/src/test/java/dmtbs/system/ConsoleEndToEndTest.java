package dmtbs.system;

import dmtbs.catalog.RandomWorkload;
import dmtbs.client.FrontEndConnection;
import dmtbs.launcher.Cluster;
import dmtbs.launcher.Console;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's dashboard in headless Chromium on a running system, checked from the page itself
 * (its DOM), never from the JSON behind it: a crash and a wrong replica at once are marked and then
 * replaced, the timeline tells the story, the charts have data, the demo panel's "kill R1" works
 * with the token and nowhere without the flag, and the page stays correct with replicas and the
 * front end down. Screenshots are kept in the run directory ({@code screenshots/}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleEndToEndTest {

    private SystemUnderTest sut;
    private Console.Served console;
    private HeadlessChromium browser;
    private Path shots;
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final AtomicLong calls = new AtomicLong();
    private Thread load;

    @BeforeAll
    void start() throws Exception {
        sut = SystemUnderTest.start("console", 1089, 0);
        shots = sut.settings.runDir().resolve("screenshots");
        console = Console.serveWithDemoPanel(sut.cluster, 0);
        browser = HeadlessChromium.start(sut.settings.runDir().resolve("chromium"));
        // A slow, steady client: the charts have data, a wrong replica stays wrong for its three wrong
        // answers (about 3 s, so the page shows it), and a killed one misses a few calls (reported late).
        load = new Thread(() -> {
            RandomWorkload w = RandomWorkload.atFixedDate(77, 2, 7, SystemUnderTest.TODAY);
            // Short timeouts: a call caught by the frozen front end must not hold the test's end for long.
            try (FrontEndConnection fe = FrontEndConnection.open(sut.settings.namingUrl(), Cluster.FRONT_END, 5_000, Duration.ofSeconds(10))) {
                while (loading.get()) {
                    fe.call(w.next().request());
                    calls.incrementAndGet();
                    Thread.sleep(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "console-test-client");
        load.start();
        browser.open("http://127.0.0.1:" + console.port() + "/");
        // What the page has shown at any moment: a card's mark may last one frame.
        browser.eval("""
                window.seen = {dead: [], wrong: [], both: false};
                new MutationObserver(() => {
                  const dead = [...document.querySelectorAll('.card[data-state]:not([data-state=running])')].map(c => c.dataset.name);
                  const wrong = [...document.querySelectorAll('.card[data-wrong]')].map(c => c.dataset.name);
                  dead.forEach(n => { if (!seen.dead.includes(n)) seen.dead.push(n); });
                  wrong.forEach(n => { if (!seen.wrong.includes(n)) seen.wrong.push(n); });
                  if (dead.includes('R2') && wrong.includes('R3')) seen.both = true;
                }).observe(document.getElementById('members'), {childList: true, subtree: true});
                true""");
    }

    @AfterAll
    void stop() throws Exception {
        loading.set(false);
        if (load != null) load.join(30_000);
        if (browser != null) browser.close();
        if (console != null) console.close();
        if (sut != null) sut.close();
    }

    private Object page(String js) throws Exception { return browser.eval(js); }

    private void awaitPage(String what, String js, Duration timeout) throws Exception {
        Conditions.awaitTrue(timeout, what + " (on the page)", () -> Boolean.TRUE.equals(page(js)));
    }

    private static String card(String name) { return "document.querySelector('.card[data-name=\"" + name + "\"]')"; }

    private static String timelineHas(String kind, String text) {
        return "[...document.querySelectorAll('#timeline li[data-kind=\"" + kind + "\"]')].some(li => li.textContent.includes('" + text + "'))";
    }

    @Test
    @Order(1)
    void aCrashAndAWrongReplicaAreMarkedThenReplacedAndTheTimelineTellsIt() throws Exception {
        awaitPage("four replicas running and the charts drawn", "document.querySelectorAll('.card[data-kind=replica][data-state=running]').length === 4"
                + " && Number(document.getElementById('chart-throughput').dataset.points) > 0", Duration.ofSeconds(30));
        browser.screenshot(shots.resolve("1-at-rest.png"));
        assertEquals(Boolean.TRUE, page(card("Sequencer") + ".classList.contains('orders')"), "the sequencer is marked");

        long r2 = sut.cluster.pid("R2").orElseThrow(), r3 = sut.cluster.pid("R3").orElseThrow();
        long callsBefore = calls.get();
        assertTrue(sut.cluster.admin("R3", "fault byzantine").startsWith("ok"));
        sut.cluster.kill("R2");
        awaitPage("R2 marked dead and R3 marked wrong", "seen.dead.includes('R2') && seen.wrong.includes('R3')", Duration.ofSeconds(20));
        browser.screenshot(shots.resolve("2-R2-killed-R3-wrong.png"));

        Conditions.awaitTrue(Duration.ofSeconds(40), "R2 and R3 replaced", () ->
                sut.cluster.pid("R2").orElse(r2) != r2 && sut.cluster.pid("R3").orElse(r3) != r3 && sut.cluster.alive("R2") && sut.cluster.alive("R3"));
        awaitPage("both replacements, the mismatches, a suspicion and the votes on the timeline",
                timelineHas("replacement", "R2 replaced (CRASH)") + " && " + timelineHas("replacement", "R3 replaced (WRONG)")
                        + " && " + timelineHas("mismatch", "R3 answered wrongly") + " && " + timelineHas("vote", "votes yes on replacing R3")
                        + " && document.querySelectorAll('#timeline li[data-kind=suspicion], #timeline li[data-kind=down]').length > 0"
                        + " && document.querySelectorAll('.card[data-kind=replica][data-state=running]:not([data-wrong])').length === 4", Duration.ofSeconds(30));
        browser.screenshot(shots.resolve("3-both-replaced.png"));
        for (String chart : List.of("throughput", "latency", "replicas")) {
            assertTrue(((Number) page("Number(document.getElementById('chart-" + chart + "').dataset.points)")).longValue() > 0, chart + " chart has data");
        }
        // An entry opens to its details.
        assertEquals(Boolean.TRUE, page("(() => { const d = document.querySelector('#timeline li[data-kind=replacement] details'); d.open = true;"
                + " return d.querySelector('.details').textContent.includes('told by RM'); })()"));
        assertTrue(calls.get() > callsBefore, "the client was served through the faults: " + (calls.get() - callsBefore) + " calls");
    }

    @Test
    @Order(2)
    void theDemoPanelKillsR1WithTheTokenAndIsRefusedWithoutTheFlag() throws Exception {
        long r1 = sut.cluster.pid("R1").orElseThrow();
        awaitPage("the demo panel", "!document.getElementById('demo').hidden && document.querySelector('button[data-action=\"kill R1\"]') !== null",
                Duration.ofSeconds(10));
        page("document.getElementById('token').value = 'not the token'; document.querySelector('button[data-action=\"kill R1\"]').click(); true");
        awaitPage("a wrong token refused", "document.getElementById('demo-result').dataset.status === '403'", Duration.ofSeconds(10));
        assertEquals(r1, sut.cluster.pid("R1").orElseThrow(), "nothing was done without the token");

        page("document.getElementById('token').value = '" + console.token() + "'; document.querySelector('button[data-action=\"kill R1\"]').click(); true");
        awaitPage("the action's command shown", "document.getElementById('demo-result').textContent.includes('bin/dmtbs kill R1')", Duration.ofSeconds(10));
        Conditions.awaitTrue(Duration.ofSeconds(30), "R1 replaced", () -> sut.cluster.pid("R1").orElse(r1) != r1 && sut.cluster.alive("R1"));
        awaitPage("the action and R1's replacement on the timeline", timelineHas("action", "kill R1") + " && " + timelineHas("replacement", "R1 replaced (CRASH)"),
                Duration.ofSeconds(20));

        try (Console.Served plain = Console.serve(sut.cluster, 0)) {
            browser.open("http://127.0.0.1:" + plain.port() + "/");
            awaitPage("a console without --allow-faults drawn", "document.body.dataset.frameAt !== undefined", Duration.ofSeconds(10));
            assertEquals(Boolean.TRUE, page("document.getElementById('demo').hidden"), "no demo panel without the flag");
            Object status = page("fetch('/action', {method: 'POST', headers: {'X-DMTBS-Token': '" + console.token() + "'}, body: 'kill R1'}).then(r => r.status)");
            assertEquals(404L, ((Number) status).longValue(), "the same request is refused");
        } finally {
            browser.open("http://127.0.0.1:" + console.port() + "/");
        }
        assertTrue(sut.cluster.alive("R1"));
    }

    @Test
    @Order(3)
    void withTwoReplicasFrozenAndTheFrontEndFrozenThePageStillDrawsAndSaysSo() throws Exception {
        awaitPage("the dashboard drawn again", "document.body.dataset.frameAt !== undefined", Duration.ofSeconds(10));
        sut.cluster.signal("R1", "STOP");
        sut.cluster.signal("R2", "STOP");
        try {
            awaitPage("two replicas marked", "document.querySelectorAll('.card[data-name=R1]:not([data-state=running]), .card[data-name=R2]:not([data-state=running])').length >= 2", Duration.ofSeconds(30));
            browser.screenshot(shots.resolve("4-two-replicas-down.png"));
        } finally {
            sut.cluster.signal("R1", "CONT");
            sut.cluster.signal("R2", "CONT");
        }
        sut.cluster.signal(Cluster.FRONT_END, "STOP");
        try {
            awaitPage("'no front end' shown", "!document.getElementById('nofe').hidden", Duration.ofSeconds(40));
            browser.screenshot(shots.resolve("5-no-front-end.png"));
        } finally {
            sut.cluster.signal(Cluster.FRONT_END, "CONT");
        }
        awaitPage("the front end back", "document.getElementById('nofe').hidden", Duration.ofSeconds(40));
    }
}
