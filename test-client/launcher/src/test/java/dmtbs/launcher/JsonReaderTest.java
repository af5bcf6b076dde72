package dmtbs.launcher;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonReaderTest {

    @Test
    void prettyPrintedJsonWithExponentsAndEscapesReadsLikeCompactJson() {
        String pretty = "[ {\n   \"type\": \"page\",\n   \"n\": 1e-3,\n   \"k\": -12,\n   \"s\": \"a\\r\\u0041\",\n   \"l\": [ true, null ]\n} ]\n";
        assertEquals(List.of(Map.of("type", "page", "n", 0.001, "k", -12L, "s", "a\rA", "l", java.util.Arrays.asList(true, null))), JsonReader.list(pretty));
        assertEquals(JsonReader.list(pretty), JsonReader.list("[{\"type\":\"page\",\"n\":0.001,\"k\":-12,\"s\":\"a\\rA\",\"l\":[true,null]}]"));
    }
}
