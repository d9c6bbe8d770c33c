package io.framewise.udfs.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.pipeline.embed.EmbeddingConfig;
import io.framewise.pipeline.embed.ImageEmbedder;
import io.framewise.pipeline.frames.Picture;
import io.framewise.pipeline.scores.ScoringConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX image embedder on a tiny CLIP-shaped model the test writes itself ({@link TinyOnnx}):
 * the vectors must be exactly what the documented preprocessing and the model's weights give.
 */
class DjlImageEmbedderITCase {

    static final int SIZE = 8;
    static final int DIMS = 5;

    @TempDir static Path dir;
    static Path model;
    static float[][] weights;

    @BeforeAll
    static void writeModel() throws Exception {
        Random r = new Random(7);
        weights = new float[3 * SIZE * SIZE][DIMS];
        for (float[] row : weights) {
            for (int d = 0; d < DIMS; d++) {
                row[d] = (float) r.nextGaussian();
            }
        }
        model = TinyOnnx.write(dir.resolve("tiny-clip.onnx"), SIZE, weights);
    }

    static EmbeddingConfig.Image config(String... kv) {
        Properties p = new Properties();
        p.setProperty("embedding.image.file", model.toString());
        p.setProperty("embedding.image.input-size", String.valueOf(SIZE));
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return EmbeddingConfig.from(p).image();
    }

    static Picture random(int w, int h, long seed) {
        byte[] px = new byte[w * h * 3];
        new Random(seed).nextBytes(px);
        return new Picture(w, h, 3, px);
    }

    /** What the model must give: the prepared input times the weights, normalised. */
    static float[] expected(Picture p, EmbeddingConfig.Image c) {
        float[] x = ClipPreprocessing.prepare(p, SIZE, c.mean(), c.std());
        float[] v = new float[DIMS];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < DIMS; d++) {
                v[d] += x[i] * weights[i][d];
            }
        }
        Pooling.normalize(v);
        return v;
    }

    @Test
    void givesTheModelsVectorsOfThePreparedPictures() {
        EmbeddingConfig.Image c = config();
        try (ImageEmbedder e = DjlImageEmbedder.factory(c, ScoringConfig.defaults()).create()) {
            assertThat(e.model()).isEqualTo("tiny-clip");
            assertThat(e.dims()).isEqualTo(DIMS);
            Picture wide = random(48, 24, 1);
            Picture small = random(6, 6, 2); // enlarged to 8x8
            Picture grey = new Picture(20, 20, 1, new byte[400]);
            List<float[]> batch = e.embed(List.of(wide, small, grey));
            assertThat(batch).hasSize(3);
            List<Picture> pictures = List.of(wide, small, grey);
            for (int i = 0; i < 3; i++) {
                float[] want = expected(pictures.get(i), c);
                for (int d = 0; d < DIMS; d++) {
                    assertThat(batch.get(i)[d])
                            .isCloseTo(want[d], org.assertj.core.data.Offset.offset(1e-4f));
                }
                // One at a time gives the same as in a batch.
                assertThat(e.embed(List.of(pictures.get(i))).get(0))
                        .usingComparatorWithPrecision(1e-5f)
                        .containsExactly(batch.get(i));
            }
        }
    }

    @Test
    void namesAndNormalisationComeFromTheConfiguration() {
        EmbeddingConfig.Image c =
                config(
                        "embedding.image.model", "my-clip",
                        "embedding.image.output", "image_embeds",
                        "embedding.image.input", "pixel_values",
                        "embedding.image.normalize", "false",
                        "embedding.image.mean", "0.5,0.5,0.5",
                        "embedding.image.std", "0.25,0.25,0.25");
        try (ImageEmbedder e = DjlImageEmbedder.factory(c, ScoringConfig.defaults()).create()) {
            assertThat(e.model()).isEqualTo("my-clip");
            Picture p = random(16, 16, 3);
            float[] x = ClipPreprocessing.prepare(p, SIZE, c.mean(), c.std());
            float[] raw = new float[DIMS];
            for (int i = 0; i < x.length; i++) {
                for (int d = 0; d < DIMS; d++) {
                    raw[d] += x[i] * weights[i][d];
                }
            }
            assertThat(e.embed(List.of(p)).get(0))
                    .usingComparatorWithPrecision(1e-3f)
                    .containsExactly(raw);
        }
    }

    @Test
    void aWrongOutputOrInputNameIsAConfigurationError() {
        assertThatThrownBy(
                        () ->
                                DjlImageEmbedder.factory(
                                                config("embedding.image.output", "logits"),
                                                ScoringConfig.defaults())
                                        .create())
                .hasMessageContaining("embedding.image.output: the model has no output 'logits'")
                .hasMessageContaining("image_embeds");
        assertThatThrownBy(
                        () ->
                                DjlImageEmbedder.factory(
                                                config("embedding.image.input", "images"),
                                                ScoringConfig.defaults())
                                        .create())
                .hasMessageContaining("embedding.image.input: the model has no input 'images'");
    }

    @Test
    void withoutAModelTheDescriptorIsUsed() {
        ImageEmbedder.Factory f =
                DjlImageEmbedder.factory(
                        EmbeddingConfig.defaults().image(), ScoringConfig.defaults());
        try (ImageEmbedder e = f.create()) {
            assertThat(e.model()).isEqualTo(VisualDescriptor.MODEL);
            assertThat(e.embed(List.of(random(64, 36, 4))).get(0)).hasSize(VisualDescriptor.DIMS);
        }
    }
}
