package io.framewise.udfs.embed;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import io.framewise.pipeline.scores.ScoringConfig;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The start-up check of scoring.engine and scoring.device, on this (CPU) build. */
class DjlRuntimeITCase {

    static ScoringConfig scoring(String engine, String device) {
        Properties p = new Properties();
        p.setProperty("scoring.engine", engine);
        p.setProperty("scoring.device", device);
        return ScoringConfig.from(p);
    }

    @Test
    void theDefaultRunsHereAndDjlStaysOffline() {
        assertThatCode(() -> DjlRuntime.check(ScoringConfig.defaults())).doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThat(System.getProperty("ai.djl.offline"))
                .isEqualTo("true");
    }

    @Test
    void aMissingEngineSaysHowToGetIt() {
        assumeTrue(!Engine.hasEngine("PyTorch"), "built with the PyTorch engine");
        assertThatThrownBy(() -> DjlRuntime.check(scoring("pytorch", "cpu")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scoring.engine=pytorch needs DJL's PyTorch engine")
                .hasMessageContaining("-Ppytorch");
    }

    @Test
    void aGpuWhereThereIsNoneIsAConfigurationError() {
        assumeTrue(CudaUtils.getGpuCount() == 0, "this host has a GPU");
        assertThatThrownBy(() -> DjlRuntime.check(scoring("tensorrt", "gpu")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scoring.device=gpu but no CUDA GPU was found");
    }
}
