package io.framewise.udfs.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.util.cuda.CudaUtils;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.framewise.pipeline.embed.Embedder;
import io.framewise.pipeline.embed.EmbeddingConfig;
import io.framewise.pipeline.embed.ImageEmbedder;
import io.framewise.pipeline.frames.Picture;
import io.framewise.pipeline.scores.ScoringConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU paths against the CPU: the same models on ONNX Runtime's CUDA and TensorRT execution
 * providers must give the CPU's vectors (cosine at least 0.99 for every text and picture).
 *
 * <p>Needs a CUDA GPU and ONNX Runtime's GPU build ({@code mvn -Pgpu}); without them it is skipped,
 * saying why, unless {@code -Dframewise.gpu.required=true} ({@code scripts/gpu-check.sh} sets it),
 * which makes a missing GPU a failure. The TensorRT case also needs TensorRT's libraries.
 */
class GpuEmbeddingITCase {

    static final double MIN_COSINE = 0.99;

    static final List<String> TEXTS =
            List.of(
                    "Quarterly revenue grew by twelve percent",
                    "Why shots matter: one take per shot",
                    "A sunset over the harbour with sailing boats",
                    "Exercise 2: measure F1 on the labelled corpus",
                    "Thank you");

    @TempDir static Path dir;
    static Path tinyClip;

    /** Checked per test, so that each one is reported as skipped, with the reason. */
    @BeforeEach
    void needsAGpu() {
        boolean required = Boolean.getBoolean("framewise.gpu.required");
        int gpus = CudaUtils.getGpuCount();
        boolean cuda = gpus > 0;
        boolean gpuBuild = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        if (required) {
            assertThat(cuda).as("a CUDA GPU (nvidia driver, CUDA 12 runtime)").isTrue();
            assertThat(gpuBuild).as("ONNX Runtime's GPU build (mvn -Pgpu)").isTrue();
        }
        assumeTrue(cuda, "no CUDA GPU on this host: GPU tests skipped");
        assumeTrue(
                gpuBuild,
                "ONNX Runtime's CPU build on the classpath (build with mvn -Pgpu): GPU tests"
                        + " skipped");
    }

    @BeforeAll
    static void writeModel() throws Exception {
        Random r = new Random(3);
        float[][] weights = new float[3 * 16 * 16][8];
        for (float[] row : weights) {
            for (int d = 0; d < row.length; d++) {
                row[d] = (float) r.nextGaussian();
            }
        }
        tinyClip = TinyOnnx.write(dir.resolve("tiny-clip.onnx"), 16, weights);
    }

    static ScoringConfig scoring(String engine, String device) {
        Properties p = new Properties();
        p.setProperty("scoring.engine", engine);
        p.setProperty("scoring.device", device);
        return ScoringConfig.from(p);
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

    static double worst(List<float[]> cpu, List<float[]> gpu) {
        double worst = 1;
        for (int i = 0; i < cpu.size(); i++) {
            worst = Math.min(worst, cosine(cpu.get(i), gpu.get(i)));
        }
        return worst;
    }

    void textVectorsMatchTheCpu(String engine, String model) {
        Properties p = new Properties();
        p.setProperty("embedding.model", model);
        EmbeddingConfig config = EmbeddingConfig.from(p);
        List<float[]> cpu;
        try (Embedder e = DjlTextEmbedder.factory(config, ScoringConfig.defaults()).create()) {
            cpu = e.embed(TEXTS);
        }
        ScoringConfig gpu = scoring(engine, "gpu");
        DjlRuntime.check(gpu);
        try (Embedder e = DjlTextEmbedder.factory(config, gpu).create(0)) {
            double worst = worst(cpu, e.embed(TEXTS));
            System.out.printf("%s %s on GPU 0: worst cosine to CPU %.5f%n", model, engine, worst);
            assertThat(worst).isGreaterThanOrEqualTo(MIN_COSINE);
        }
    }

    @Test
    void cudaTextVectorsMatchTheCpu() {
        textVectorsMatchTheCpu("onnxruntime", EmbeddingConfig.MINILM);
        textVectorsMatchTheCpu("onnxruntime", EmbeddingConfig.BGE_SMALL);
    }

    @Test
    void tensorRtTextVectorsMatchTheCpu() {
        assumeTrue(
                OrtEnvironment.getAvailableProviders().contains(OrtProvider.TENSOR_RT),
                "ONNX Runtime has no TensorRT provider here: TensorRT test skipped");
        textVectorsMatchTheCpu("tensorrt", EmbeddingConfig.MINILM);
    }

    @Test
    void imageVectorsMatchTheCpu() {
        Properties p = new Properties();
        p.setProperty("embedding.image.file", tinyClip.toString());
        p.setProperty("embedding.image.input-size", "16");
        EmbeddingConfig.Image config = EmbeddingConfig.from(p).image();
        List<Picture> pictures = new ArrayList<>();
        Random r = new Random(5);
        for (int i = 0; i < 4; i++) {
            byte[] px = new byte[64 * 48 * 3];
            r.nextBytes(px);
            pictures.add(new Picture(64, 48, 3, px));
        }
        List<float[]> cpu;
        try (ImageEmbedder e =
                DjlImageEmbedder.factory(config, ScoringConfig.defaults()).create()) {
            cpu = e.embed(pictures);
        }
        for (String engine : new String[] {"onnxruntime", "tensorrt"}) {
            if (engine.equals("tensorrt")
                    && !OrtEnvironment.getAvailableProviders().contains(OrtProvider.TENSOR_RT)) {
                continue;
            }
            try (ImageEmbedder e =
                    DjlImageEmbedder.factory(config, scoring(engine, "gpu")).create(0)) {
                double worst = worst(cpu, e.embed(pictures));
                System.out.printf(
                        "tiny-clip %s on GPU 0: worst cosine to CPU %.5f%n", engine, worst);
                assertThat(worst).isGreaterThanOrEqualTo(MIN_COSINE);
            }
        }
    }
}
