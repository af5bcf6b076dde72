package dmtbs.launcher;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricsTextTest {

    @Test
    void twoExpositionsOfTheSameFamiliesBecomeOneWithEachFamilyOnce() {
        String a = """
                # HELP x_total Calls
                # TYPE x_total counter
                x_total{member="FrontEnd"} 1.0
                # HELP up Up
                # TYPE up gauge
                up{member="R1"} 1
                """;
        String b = """
                # HELP x_total Calls
                # TYPE x_total counter
                x_total{member="FrontEnd2"} 2.0
                """;
        assertEquals("""
                # HELP x_total Calls
                # TYPE x_total counter
                x_total{member="FrontEnd"} 1.0
                x_total{member="FrontEnd2"} 2.0
                # HELP up Up
                # TYPE up gauge
                up{member="R1"} 1
                """, MetricsText.merge(List.of(a, b)));
    }
}
