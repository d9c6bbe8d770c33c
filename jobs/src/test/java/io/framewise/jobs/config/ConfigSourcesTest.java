package io.framewise.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where settings come from, and which wins: file < environment < --set < options. */
class ConfigSourcesTest {

    @TempDir Path dir;

    private Path file(String... lines) throws Exception {
        Path f = dir.resolve("framewise.properties");
        Files.write(f, java.util.List.of(lines));
        return f;
    }

    @Test
    void eachSourceWinsOverTheOneBefore() throws Exception {
        Path f =
                file(
                        "llm.async.capacity=2",
                        "llm.max-tokens=100",
                        "llm.batch.max-frames=3",
                        "llm.image.max-width=256");
        Map<String, String> env =
                Map.of(
                        "FRAMEWISE_LLM_MAX_TOKENS", "200",
                        "FRAMEWISE_LLM_BATCH_MAX_FRAMES", "4",
                        "FRAMEWISE_LLM_IMAGE_MAX_WIDTH", "384");
        Map<String, String> sets =
                Map.of("llm.batch.max-frames", "5", "llm.image.max-width", "640");
        Map<String, String> options = Map.of("llm.image.max-width", "1024");

        FramewiseConfig c = new ConfigSources(f, env, sets, options).load();

        assertThat(c.llm().capacity()).isEqualTo(2); // the file alone
        assertThat(c.llm().maxTokens()).isEqualTo(200); // the environment over the file
        assertThat(c.llm().batchMaxFrames()).isEqualTo(5); // --set over the environment
        assertThat(c.llm().imageMaxWidth()).isEqualTo(1024); // the command's option over --set
    }

    @Test
    void theEnvironmentGivesSecretsAndOnlyKnownKeys() throws Exception {
        Map<String, String> env =
                Map.of(
                        "FRAMEWISE_ES_URL", "http://127.0.0.1:9200",
                        "FRAMEWISE_ES_USERNAME", "elastic",
                        "FRAMEWISE_ES_PASSWORD", "secret",
                        "FRAMEWISE_LLM_RETRY_MAX_ATEMPTS", "3", // no such key: not a setting
                        "FRAMEWISE_DEBUG", "1");
        ConfigSources sources = new ConfigSources(null, env, Map.of(), Map.of());
        assertThat(sources.properties().stringPropertyNames())
                .containsExactlyInAnyOrder("es.url", "es.username", "es.password");
        assertThat(sources.load().es().password()).isEqualTo("secret");
    }

    @Test
    void commandsAddSettingsAboveAndDefaultsBelow() throws Exception {
        ConfigSources sources =
                new ConfigSources(
                        file("es.index-prefix=mine-"),
                        Map.of(),
                        Map.of("llm.url", "http://a:1/v1"),
                        Map.of());
        FramewiseConfig c =
                sources.withFallbacks(Map.of("es.index-prefix", "bench-", "es.url", "http://b:2"))
                        .with(Map.of("llm.url", "http://sim:3/v1"))
                        .load();
        assertThat(c.es().indexPrefix()).isEqualTo("mine-"); // the file over the fallback
        assertThat(c.es().url()).isEqualTo("http://b:2");
        assertThat(c.llm().url()).isEqualTo("http://sim:3/v1"); // the command over --set
    }

    @Test
    void aBadValueFromAnySourceNamesTheKey() {
        assertThatThrownBy(
                        () ->
                                new ConfigSources(
                                                null,
                                                Map.of("FRAMEWISE_LLM_ASYNC_CAPACITY", "many"),
                                                Map.of(),
                                                Map.of())
                                        .load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("llm.async.capacity must be a whole number, got 'many'");
        assertThatThrownBy(
                        () ->
                                new ConfigSources(
                                                dir.resolve("missing"),
                                                Map.of(),
                                                Map.of(),
                                                Map.of())
                                        .load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--config: no such file ");
    }
}
