package io.framewise.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole configuration from one set of keys: typed parts, defaults, one-line errors. */
class FramewiseConfigTest {

    /** Settings as a --config file holds them, one line each. */
    private static Properties props(String... lines) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(String.join("\n", lines)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static String problem(String... settings) {
        try {
            FramewiseConfig.parse(props(settings));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted " + String.join(", ", settings));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        FramewiseConfig c = FramewiseConfig.defaults();
        assertThat(c.llm().enabled()).isFalse();
        assertThat(c.llm().capacity()).isEqualTo(64);
        assertThat(c.llm().resilience().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.speech().enabled()).isFalse();
        assertThat(c.speech().capacity()).isEqualTo(16);
        assertThat(c.speech().resilience().requestTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.speech().resilience().tokensPerMinute()).isZero();
        assertThat(c.search()).isFalse();
        assertThat(c.kafka()).isNull();
        assertThat(c.fileSystems()).isEmpty();
        assertThat(c.sources().looksLikeVideo("a.mp4")).isTrue();
    }

    @Test
    void everyGroupIsReadIntoItsTypedPart() {
        FramewiseConfig c =
                FramewiseConfig.parse(
                        props(
                                "shots.cut.min-distance=2.5",
                                "keyframes.jpeg-quality=70",
                                "ocr.language=deu",
                                "llm.url=http://127.0.0.1:8000/v1",
                                "llm.async.capacity=8",
                                "llm.retry.max-backoff=PT1M",
                                "llm.cache.ttl=PT1H",
                                "speech.url=https://api.openai.com/v1",
                                "speech.model=whisper-1",
                                "aggregate.scenes.threshold=0.5",
                                "es.url=http://127.0.0.1:9200",
                                "es.replicas=0",
                                "sources.video-extensions=mp4",
                                "s3.endpoint=http://127.0.0.1:9000",
                                "fs.allowed-fallback-filesystems=s3",
                                "unrelated.key=left alone"));
        assertThat(c.shots().minCutDistance()).isEqualTo(2.5);
        assertThat(c.keyframes().jpegQuality()).isEqualTo(70);
        assertThat(c.ocr().language()).isEqualTo("deu");
        assertThat(c.llm().enabled()).isTrue();
        assertThat(c.llm().capacity()).isEqualTo(8);
        assertThat(c.llm().resilience().maxBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.llm().cacheTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(c.speech().model()).isEqualTo("whisper-1");
        assertThat(c.aggregate().sceneThreshold()).isEqualTo(0.5);
        assertThat(c.search()).isTrue();
        assertThat(c.es().replicas()).isZero();
        assertThat(c.sources().looksLikeVideo("a.mov")).isFalse();
        assertThat(c.fileSystems())
                .containsOnlyKeys("s3.endpoint", "fs.allowed-fallback-filesystems");
    }

    @Test
    void eachKindOfBadValueIsOneLineNamingTheKey() {
        assertThat(problem("llm.async.capacity=x"))
                .isEqualTo("llm.async.capacity must be a whole number, got 'x'");
        assertThat(problem("llm.async.capacity=0"))
                .isEqualTo("llm.async.capacity must be between 1 and 10000, got '0'");
        assertThat(problem("speech.deadline=5 minutes"))
                .startsWith("speech.deadline must be an ISO-8601 duration");
        assertThat(problem("speech.timeout=PT0S"))
                .isEqualTo("speech.timeout must be longer than 0, got 'PT0S'");
        assertThat(problem("llm.json-mode=yes"))
                .isEqualTo("llm.json-mode must be true or false, got 'yes'");
        assertThat(problem("llm.image.detail=ultra"))
                .isEqualTo("llm.image.detail must be low, high or auto, got 'ultra'");
        assertThat(problem("llm.temperature=3"))
                .isEqualTo("llm.temperature must be between 0 and 2, got '3'");
        assertThat(problem("speech.url=ftp://x"))
                .startsWith("speech.url must be an http:// or https:// URL");
        assertThat(problem("speech.retry.initial-backoff=PT1M"))
                .isEqualTo(
                        "speech.retry.max-backoff must be at least speech.retry.initial-backoff");
        assertThat(problem("es.url=http://127.0.0.1:9200", "es.shards=none"))
                .startsWith("es.shards must be a whole number");
        for (String bad :
                new String[] {
                    problem("llm.async.capacity=x"),
                    problem("llm.async.timeout=PT1M"),
                    problem("shots.cut.min-distance=-1")
                }) {
            assertThat(bad).doesNotContain("\n");
        }
    }

    @Test
    void unknownKeysOfKnownGroupsAreRejectedWithTheClosestKnownOne() {
        assertThat(problem("llm.retry.max-atempts=3"))
                .startsWith(
                        "unknown setting llm.retry.max-atempts (did you mean"
                                + " llm.retry.max-attempts?)");
        // Speech has no token limit: the key the LLM has is unknown here.
        assertThat(problem("speech.rate.tokens-per-minute=100"))
                .startsWith("unknown setting speech.rate.tokens-per-minute");
        // A typo in es.* fails even without es.url, rather than being ignored.
        assertThat(problem("es.replica=0")).startsWith("unknown setting es.replica (did you mean");
        // Nothing close: no guess.
        assertThat(problem("ocr.colour=blue")).doesNotContain("did you mean");
    }

    @Test
    void everyKnownKeyHasItsOwnEnvironmentVariable() {
        Set<String> variables = new HashSet<>();
        for (String key : FramewiseConfig.knownKeys().keySet()) {
            assertThat(variables.add(ConfigSources.variable(key))).as(key).isTrue();
        }
        assertThat(ConfigSources.variable("es.password")).isEqualTo("FRAMEWISE_ES_PASSWORD");
        assertThat(ConfigSources.variable("es.api-key")).isEqualTo("FRAMEWISE_ES_API_KEY");
    }

    @Test
    void theConfigurationTravelsIntoTheJobSerialized() throws Exception {
        FramewiseConfig c =
                FramewiseConfig.parse(
                        props(
                                "llm.url=http://127.0.0.1:8000/v1",
                                "llm.header.X-Project=p",
                                "es.url=http://127.0.0.1:9200",
                                "s3.endpoint=http://127.0.0.1:9000"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(c);
        }
    }
}
