package dmtbs.launcher;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RestartBackoffTest {

    @Test
    void aCrashIsFollowedByARestartAtOnceAndACrashLoopByAPause() {
        RestartBackoff b = new RestartBackoff();
        long t = 1_000_000;
        for (int i = 1; i < RestartBackoff.LOOP; i++) assertEquals(RestartBackoff.FIRST_MILLIS, b.afterExit(t + i * 1_000), "exit " + i);
        assertEquals(RestartBackoff.PAUSE_MILLIS, b.afterExit(t + 5_000), "the fifth exit within a minute");
        // A minute of health later, a crash is restarted at once again.
        assertEquals(RestartBackoff.FIRST_MILLIS, b.afterExit(t + 5_000 + RestartBackoff.WINDOW_MILLIS + 1));
    }
}
