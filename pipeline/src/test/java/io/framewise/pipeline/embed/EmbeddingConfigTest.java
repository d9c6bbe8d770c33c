package io.framewise.pipeline.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.pipeline.config.Props;
import io.framewise.pipeline.scores.ScoringConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingConfigTest {

    @Test
    void defaultsAreMiniLmWithoutAnImageModel() {
        EmbeddingConfig c = EmbeddingConfig.defaults();
        assertThat(c.model()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(c.modelFile()).isEqualTo("classpath:all-minilm-l6-v2-q.onnx");
        assertThat(c.tokenizerFile()).isEqualTo("classpath:all-minilm-l6-v2-q-tokenizer.json");
        assertThat(c.pooling()).isEqualTo("mean");
        assertThat(c.normalize()).isTrue();
        assertThat(c.dims()).isEqualTo(384);
        assertThat(c.batchSize()).isEqualTo(32);
        assertThat(c.batchMaxWait()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.image().configured()).isFalse();
        assertThat(c.image().mean()).containsExactly(0.48145466, 0.4578275, 0.40821073);
        assertThat(EmbeddingConfig.KEYS).containsKey("embedding.image.file");
    }

    @Test
    void theModelNameAloneSelectsBgeSmallAndExplicitKeysWin() {
        EmbeddingConfig bge =
                EmbeddingConfig.from(Props.of("embedding.model", "bge-small-en-v1.5-q"));
        assertThat(bge.modelFile()).isEqualTo("classpath:bge-small-en-v1.5-q.onnx");
        assertThat(bge.pooling()).isEqualTo("cls");
        assertThat(bge.maxTokens()).isEqualTo(512);
        EmbeddingConfig meanBge =
                EmbeddingConfig.from(
                        Props.of(
                                "embedding.model",
                                "bge-small-en-v1.5-q",
                                "embedding.pooling",
                                "mean"));
        assertThat(meanBge.pooling()).isEqualTo("mean");
    }

    @Test
    void anotherModelNeedsItsFilesAndDims() {
        assertThatThrownBy(() -> EmbeddingConfig.from(Props.of("embedding.model", "e5-small")))
                .hasMessageContaining("embedding.model.file must be set");
        EmbeddingConfig e5 =
                EmbeddingConfig.from(
                        Props.of(
                                "embedding.model", "e5-small",
                                "embedding.model.file", "/models/e5.onnx",
                                "embedding.tokenizer.file", "/models/tokenizer.json",
                                "embedding.dims", "384"));
        assertThat(e5.model()).isEqualTo("e5-small");
        assertThatThrownBy(
                        () ->
                                EmbeddingConfig.from(
                                        Props.of(
                                                "embedding.model", "e5-small",
                                                "embedding.model.file", "/m.onnx",
                                                "embedding.tokenizer.file", "/t.json")))
                .hasMessageContaining("embedding.dims must be between 1 and 8192");
    }

    @Test
    void badValuesAndUnknownKeysNameTheKey() {
        assertThatThrownBy(() -> EmbeddingConfig.from(Props.of("embedding.pooling", "max")))
                .hasMessageContaining("embedding.pooling must be mean, cls or none, got 'max'");
        assertThatThrownBy(() -> EmbeddingConfig.from(Props.of("embedding.batch.size", "0")))
                .hasMessageContaining("embedding.batch.size must be between 1 and 4096");
        assertThatThrownBy(
                        () -> EmbeddingConfig.from(Props.of("embedding.batch.max-wait", "200ms")))
                .hasMessageContaining("embedding.batch.max-wait must be an ISO-8601 duration");
        assertThatThrownBy(() -> EmbeddingConfig.from(Props.of("embedding.image.mean", "0.5,0.5")))
                .hasMessageContaining("embedding.image.mean must be three numbers");
        assertThatThrownBy(() -> EmbeddingConfig.from(Props.of("embedding.image.std", "1,0,1")))
                .hasMessageContaining("embedding.image.std must be three numbers");
        assertThatThrownBy(() -> EmbeddingConfig.from(Props.of("embedding.modle", "x")))
                .hasMessageContaining("unknown setting embedding.modle");
    }

    @Test
    void theImageModelIsNamedAfterItsFile() {
        EmbeddingConfig c =
                EmbeddingConfig.from(
                        Props.of("embedding.image.file", "/models/clip-vit-b32-visual.onnx"));
        assertThat(c.image().configured()).isTrue();
        assertThat(c.image().name()).isEqualTo("clip-vit-b32-visual");
        assertThat(c.image().std()).hasSize(3);
    }

    @Test
    void embeddingTextJoinsShotTextDescriptionAndTags() {
        assertThat(EmbeddingText.of(" Agenda\nQ3 results ", null, List.of()))
                .isEqualTo("Agenda\nQ3 results");
        assertThat(EmbeddingText.of(null, "A man at a whiteboard", List.of("office", " ", "talk")))
                .isEqualTo("A man at a whiteboard\noffice, talk");
        assertThat(EmbeddingText.of("  ", null, null)).isEmpty();
    }

    @Test
    void scoringValidatesEngineAndDevice() {
        assertThat(ScoringConfig.defaults().engine()).isEqualTo("onnxruntime");
        assertThat(ScoringConfig.defaults().onGpu()).isFalse();
        ScoringConfig gpu =
                ScoringConfig.from(Props.of("scoring.engine", "TensorRT", "scoring.device", "gpu"));
        assertThat(gpu.engine()).isEqualTo("tensorrt");
        assertThat(gpu.gpuIndex(-1)).isZero();
        assertThat(gpu.gpuIndex(3)).isEqualTo(3);
        assertThat(ScoringConfig.from(Props.of("scoring.device", "gpu:2")).gpuIndex(3))
                .isEqualTo(2);
        assertThat(ScoringConfig.defaults().gpuIndex(3)).isEqualTo(-1);
        assertThatThrownBy(() -> ScoringConfig.from(Props.of("scoring.engine", "tensorflow")))
                .hasMessageContaining(
                        "scoring.engine must be onnxruntime, tensorrt or pytorch, got 'tensorflow'");
        assertThatThrownBy(() -> ScoringConfig.from(Props.of("scoring.engine", "tensorrt")))
                .hasMessageContaining("scoring.engine=tensorrt runs on a GPU only");
        assertThatThrownBy(() -> ScoringConfig.from(Props.of("scoring.device", "cuda")))
                .hasMessageContaining("scoring.device must be cpu, gpu or gpu:N");
        assertThatThrownBy(() -> ScoringConfig.from(Props.of("scoring.faces.cascade", "dnn")))
                .hasMessageContaining("scoring.faces.cascade must be haar or lbp");
    }
}
