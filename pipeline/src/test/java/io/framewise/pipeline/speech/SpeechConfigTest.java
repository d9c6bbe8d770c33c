package io.framewise.pipeline.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.pipeline.config.Props;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechConfigTest {

    static String problem(String... kv) {
        return assertThrows(IllegalArgumentException.class, () -> SpeechConfig.from(Props.of(kv)))
                .getMessage();
    }

    @Test
    void defaultsAreOffAndFitTheCommonLimits() {
        SpeechConfig c = SpeechConfig.defaults();
        assertFalse(c.enabled());
        assertEquals("verbose_json", c.responseFormat());
        assertEquals(Duration.ofMinutes(10), c.chunkMaxDuration());
        // 10 minutes of 16-bit 16 kHz audio is 19.2 MB, under the 25 MB upload limit.
        assertEquals(600_000, c.chunkMaxMs());
        assertNull(c.cost(60_000));
        assertEquals(SpeechConfig.KEYS.size(), 29);
    }

    @Test
    void readsEveryKey() {
        SpeechConfig c =
                SpeechConfig.from(
                        Props.of(
                                "speech.url", "https://api.openai.com/v1",
                                "speech.model", "whisper-1",
                                "speech.language", "en",
                                "speech.chunk.max-bytes", "1000000",
                                "speech.price-per-minute", "0.006"));
        assertTrue(c.enabled());
        assertEquals("whisper-1", c.model());
        assertEquals((1_000_000 - 44) / 32, c.chunkMaxMs());
        assertEquals(0.006, c.cost(60_000), 1e-12);
    }

    @Test
    void badValuesNameTheirKey() {
        List<String[]> bad =
                List.of(
                        new String[] {"speech.url", "ftp://x"},
                        new String[] {"speech.language", "English"},
                        new String[] {"speech.response-format", "srt"},
                        new String[] {"speech.vad.end-db", "-20"},
                        new String[] {"speech.vad.max-tonal-share", "0"},
                        new String[] {"speech.chunk.max-duration", "PT5S"},
                        new String[] {"speech.chunk.max-bytes", "1000"},
                        new String[] {"speech.retry.max-attempts", "0"},
                        new String[] {"speech.async.timeout", "PT1M"},
                        new String[] {"speech.api-key-env", "not a name"},
                        new String[] {"speech.price-per-minute", "-1"});
        for (String[] kv : bad) {
            assertTrue(problem(kv).contains(kv[0]), kv[0] + ": " + problem(kv));
        }
        assertTrue(problem("speech.colour", "blue").contains("unknown setting speech.colour"));
    }
}
