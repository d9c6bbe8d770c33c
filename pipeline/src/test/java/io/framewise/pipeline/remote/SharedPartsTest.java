package io.framewise.pipeline.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.pipeline.config.Props;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.speech.SpeechConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The frame describer and the transcriber read the same provider, resilience and cache parts, each
 * under its own prefix with its own defaults.
 */
class SharedPartsTest {

    @Test
    void samePartsOwnDefaults() {
        LlmConfig llm = LlmConfig.defaults();
        SpeechConfig speech = SpeechConfig.defaults();
        assertThat(llm.provider().model()).isEqualTo("framewise-sim");
        assertThat(speech.provider().model()).isEqualTo("framewise-sim-speech");
        assertThat(llm.provider().apiKeyEnv()).isEqualTo("FRAMEWISE_LLM_API_KEY");
        assertThat(speech.provider().apiKeyEnv()).isEqualTo("FRAMEWISE_SPEECH_API_KEY");
        assertThat(llm.resilience().deadline()).isEqualTo(Duration.ofMinutes(2));
        assertThat(speech.resilience().deadline()).isEqualTo(Duration.ofMinutes(5));
        assertThat(llm.resilience().asyncTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(speech.resilience().asyncTimeout()).isEqualTo(Duration.ofMinutes(6));
        assertThat(llm.cache()).isEqualTo(speech.cache());
        assertThat(llm.resilience().maxAttempts()).isEqualTo(speech.resilience().maxAttempts());
    }

    @Test
    void eachGroupsMessagesNameItsOwnKeys() {
        assertThatThrownBy(() -> LlmConfig.from(Props.of("llm.retry.max-attempts", "21")))
                .hasMessage("llm.retry.max-attempts must be between 1 and 20, got '21'");
        assertThatThrownBy(() -> SpeechConfig.from(Props.of("speech.retry.max-attempts", "21")))
                .hasMessage("speech.retry.max-attempts must be between 1 and 20, got '21'");
        assertThatThrownBy(() -> SpeechConfig.from(Props.of("speech.async.timeout", "PT1M")))
                .hasMessageStartingWith(
                        "speech.async.timeout (PT1M) must be longer than speech.deadline (PT5M)");
        assertThatThrownBy(() -> LlmConfig.from(Props.of("llm.cache.ttl", "P0D")))
                .hasMessage("llm.cache.ttl must be longer than 0, got 'P0D'");
    }

    @Test
    void theBackoffIsTheConfiguredOne() {
        ResilienceConfig r =
                LlmConfig.from(
                                Props.of(
                                        "llm.retry.initial-backoff", "PT0.1S",
                                        "llm.retry.max-backoff", "PT0.4S"))
                        .resilience();
        Backoff b = r.backoff();
        for (int i = 0; i < 100; i++) {
            assertThat(b.delay(0).toMillis()).isBetween(50L, 100L);
            assertThat(b.delay(5).toMillis()).isBetween(200L, 400L);
        }
    }
}
