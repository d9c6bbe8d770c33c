package io.framewise.udfs.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.pipeline.embed.Embedder;
import io.framewise.pipeline.embed.EmbeddingConfig;
import io.framewise.pipeline.scores.ScoringConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real embedding models this build carries (all-MiniLM-L6-v2 and bge-small-en-v1.5, both
 * quantized), on ONNX Runtime on the CPU, offline.
 */
class DjlTextEmbedderITCase {

    private static Embedder minilm;

    @BeforeAll
    static void open() {
        minilm =
                DjlTextEmbedder.factory(EmbeddingConfig.defaults(), ScoringConfig.defaults())
                        .create();
    }

    @AfterAll
    static void close() {
        minilm.close();
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void givesNormalisedVectorsOfTheConfiguredLength() {
        List<float[]> v = minilm.embed(List.of("Quarterly revenue grew by twelve percent", ""));
        assertThat(minilm.model()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(minilm.dims()).isEqualTo(384);
        assertThat(v).hasSize(2);
        for (float[] x : v) {
            assertThat(x).hasSize(384);
            assertThat(cosine(x, x)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            double norm = 0;
            for (float f : x) {
                norm += f * f;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void knowsTheWordsOfItsVocabularyWholeAndNotGibberish() {
        // The tokenizer's vocabulary (WordPiece, lower-cased): common words are one token each.
        for (String w : List.of("video", "Scene", "detection", "watching", "the")) {
            assertThat(minilm.knowsWord(w)).as(w).isTrue();
        }
        // Made-up words are split into fragments.
        for (String w : List.of("zxqvblorf", "qwpfj", "blorptastic", "snarfle")) {
            assertThat(minilm.knowsWord(w)).as(w).isFalse();
        }
    }

    @Test
    void repeatedTextsGetEqualButSeparateVectors() {
        List<float[]> v = minilm.embed(List.of("Agenda", "Results", "Agenda"));
        assertThat(v.get(2)).containsExactly(v.get(0)).isNotSameAs(v.get(0));
        assertThat(cosine(v.get(0), v.get(1))).isLessThan(0.99);
    }

    @Test
    void paraphrasesAreCloserThanUnrelatedSentences() {
        List<String> texts =
                List.of(
                        "The invoice total is due at the end of the month",
                        "Payment of the bill's full amount is expected by month end",
                        "A sunset over the harbour with sailing boats",
                        "Boats in the port at dusk as the sun goes down",
                        "Install the package with the command line tool");
        List<float[]> v = minilm.embed(texts);
        // Each paraphrase pair is closer than any cross pair.
        double invoice = cosine(v.get(0), v.get(1));
        double harbour = cosine(v.get(2), v.get(3));
        assertThat(invoice).isGreaterThan(0.5);
        assertThat(harbour).isGreaterThan(0.5);
        for (int a : new int[] {0, 1}) {
            for (int b : new int[] {2, 3, 4}) {
                assertThat(cosine(v.get(a), v.get(b))).isLessThan(Math.min(invoice, harbour));
            }
        }
    }

    @Test
    void batchedVectorsMatchOneAtATime() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            texts.add("slide " + i + " " + "word ".repeat(i % 13) + "end");
        }
        List<float[]> batched = minilm.embed(texts);
        // The quantized model quantizes activations per call (DynamicQuantizeLinear, one scale
        // for the whole batch tensor), so a text's vector moves slightly with its batch
        // companions; one at a time, the same text always gives the same vector.
        double worst = 1;
        for (int i = 0; i < texts.size(); i += 7) {
            float[] single = minilm.embed(List.of(texts.get(i))).get(0);
            assertThat(minilm.embed(List.of(texts.get(i))).get(0)).containsExactly(single);
            worst = Math.min(worst, cosine(single, batched.get(i)));
        }
        assertThat(worst).isGreaterThan(0.98);
    }

    @Test
    void bgeSmallWorksByConfigurationAlone() {
        Properties p = new Properties();
        p.setProperty("embedding.model", "bge-small-en-v1.5-q");
        EmbeddingConfig config = EmbeddingConfig.from(p);
        try (Embedder bge = DjlTextEmbedder.factory(config, ScoringConfig.defaults()).create()) {
            assertThat(bge.model()).isEqualTo("bge-small-en-v1.5-q");
            List<float[]> v =
                    bge.embed(
                            List.of(
                                    "The invoice total is due at the end of the month",
                                    "Payment of the bill's full amount is expected by month end",
                                    "A sunset over the harbour with sailing boats"));
            assertThat(v.get(0)).hasSize(384);
            assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(0), v.get(2)));
            // A different model: its vectors are not MiniLM's.
            float[] mini =
                    minilm.embed(List.of("The invoice total is due at the end of the month"))
                            .get(0);
            assertThat(cosine(mini, v.get(0))).isLessThan(0.9);
        }
    }

    @Test
    void wrongDimsOrMissingFilesAreConfigurationErrors() {
        Properties p = new Properties();
        p.setProperty("embedding.dims", "512");
        assertThatThrownBy(() -> embedderWith(p))
                .hasMessageContaining(
                        "embedding.dims is 512 but all-minilm-l6-v2-q gives vectors of 384");
        Properties q = new Properties();
        q.setProperty("embedding.model.file", "/nonexistent/model.onnx");
        assertThatThrownBy(() -> embedderWith(q))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "embedding.model.file: no readable file at /nonexistent/model.onnx");
    }

    /** An embedder with {@code settings} over the defaults, on the CPU. */
    private static Embedder embedderWith(Properties settings) {
        return DjlTextEmbedder.factory(EmbeddingConfig.from(settings), ScoringConfig.defaults())
                .create();
    }

    /** The key the model session of {@code config} is shared under, on the CPU. */
    private static SharedModels.Key keyOf(EmbeddingConfig config) {
        return new SharedModels.Key(
                ModelFiles.resolve(config.modelFile(), "embedding.model.file"),
                ScoringConfig.defaults(),
                -1);
    }

    @Test
    void embeddersOfOneModelShareOneSessionAndGiveTheSameVectorsFromTwoThreadsAtOnce()
            throws Exception {
        SharedModels.Key key = keyOf(EmbeddingConfig.defaults());
        assertThat(SharedModels.users(key)).as("held by this class's embedder").isEqualTo(1);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            texts.add("Slide " + i + ": quarterly results for region " + (i % 7));
        }
        List<float[]> alone = minilm.embed(texts);
        Embedder.Factory factory =
                DjlTextEmbedder.factory(EmbeddingConfig.defaults(), ScoringConfig.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Embedder a = factory.create();
                Embedder b = factory.create()) {
            assertThat(SharedModels.users(key)).isEqualTo(3);
            List<Future<List<List<float[]>>>> running = new ArrayList<>();
            for (Embedder e : List.of(a, b)) {
                running.add(
                        pool.submit(
                                () -> {
                                    List<List<float[]>> runs = new ArrayList<>();
                                    for (int r = 0; r < 10; r++) {
                                        runs.add(e.embed(texts));
                                    }
                                    return runs;
                                }));
            }
            for (Future<List<List<float[]>>> f : running) {
                for (List<float[]> run : f.get(60, TimeUnit.SECONDS)) {
                    for (int i = 0; i < texts.size(); i++) {
                        assertThat(run.get(i)).as(texts.get(i)).containsExactly(alone.get(i));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(SharedModels.users(key)).isEqualTo(1);
        // The session outlives the embedders that closed: the first one still uses it.
        assertThat(minilm.embed(texts).get(0)).containsExactly(alone.get(0));
    }

    @Test
    void theLastEmbedderClosedClosesTheSessionAndAFailedOpenGivesItBack() {
        Properties p = new Properties();
        p.setProperty("embedding.model", "bge-small-en-v1.5-q");
        EmbeddingConfig config = EmbeddingConfig.from(p);
        SharedModels.Key key = keyOf(config);
        assertThat(SharedModels.users(key)).isZero();
        Embedder bge = DjlTextEmbedder.factory(config, ScoringConfig.defaults()).create();
        assertThat(SharedModels.users(key)).isEqualTo(1);
        bge.close();
        assertThat(SharedModels.users(key)).isZero();
        // Wrong dims: the session was loaded to learn that, and is given back.
        p.setProperty("embedding.dims", "512");
        assertThatThrownBy(() -> embedderWith(p)).hasMessageContaining("embedding.dims is 512");
        assertThat(SharedModels.users(key)).isZero();
    }
}
