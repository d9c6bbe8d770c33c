package io.framewise.pipeline.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.pipeline.config.Props;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LlmConfigTest {

    @Test
    void offByDefaultOnWithAUrl() {
        LlmConfig off = LlmConfig.defaults();
        assertThat(off.enabled()).isFalse();
        assertThat(off.model()).isEqualTo("framewise-sim");
        assertThat(off.capacity()).isEqualTo(64);
        assertThat(off.cacheTtl()).isEqualTo(Duration.ofDays(1));

        LlmConfig on =
                LlmConfig.from(
                        Props.sets(
                                "llm.url=https://generativelanguage.googleapis.com/v1beta/openai/",
                                "llm.model=gemini-2.0-flash",
                                "llm.header.X-Goog-User-Project=my-project",
                                "llm.price.gemini-2.0-flash=0.10, 0.40",
                                "shots.segments=4"));
        assertThat(on.enabled()).isTrue();
        assertThat(on.provider().headers()).containsEntry("X-Goog-User-Project", "my-project");
        assertThat(on.cost("gemini-2.0-flash", 1_000_000, 500_000)).isEqualTo(0.30);
        assertThat(on.cost("other-model", 10, 10)).isNull();
        // Header values may be secrets: the printed configuration names the headers only.
        assertThat(on.toString()).contains("X-Goog-User-Project").doesNotContain("my-project");
    }

    @Test
    void badSettingsNameTheKey() {
        assertThatThrownBy(() -> LlmConfig.from(Props.sets("llm.url=ftp://x")))
                .hasMessageContaining("llm.url must be an http:// or https:// URL");
        assertThatThrownBy(() -> LlmConfig.from(Props.sets("llm.retyr.max-attempts=3")))
                .hasMessageContaining("unknown setting llm.retyr.max-attempts");
        assertThatThrownBy(() -> LlmConfig.from(Props.sets("llm.price.gpt-4o=cheap")))
                .hasMessageContaining("llm.price.gpt-4o must be two numbers");
        assertThatThrownBy(() -> LlmConfig.from(Props.sets("llm.header.Bad Name=x")))
                .hasMessageContaining("not a valid header name");
        assertThatThrownBy(() -> LlmConfig.from(Props.sets("llm.async.timeout=PT1M")))
                .hasMessageContaining("llm.async.timeout (PT1M) must be longer than llm.deadline");
        assertThatThrownBy(() -> LlmConfig.from(Props.sets("llm.image.detail=ultra")))
                .hasMessageContaining("llm.image.detail must be low, high or auto");
        assertThatThrownBy(() -> LlmConfig.from(Props.sets("llm.api-key-env=MY-KEY")))
                .hasMessageContaining("llm.api-key-env must be an environment variable name");
    }
}
