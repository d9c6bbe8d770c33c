package io.framewise.pipeline.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.pipeline.config.Props;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AggregateConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        AggregateConfig c = AggregateConfig.defaults();
        assertThat(c.window()).isEqualTo(Duration.ofHours(1));
        assertThat(c.allowedLateness()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.duplicateRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(c.sceneThreshold()).isEqualTo(0.6);
        assertThat(c.maxClusters()).isEqualTo(12);
        assertThat(AggregateConfig.KEYS).hasSize(22);
    }

    @Test
    void readsItsKeysAndLeavesOthersAlone() {
        AggregateConfig c =
                AggregateConfig.from(
                        Props.of(
                                "aggregate.clusters.window", "PT15M",
                                "aggregate.clusters.allowed-lateness", "PT0S",
                                "ocr.language", "deu"));
        assertThat(c.window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.allowedLateness()).isZero();
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> AggregateConfig.from(Props.of("aggregate.clusters.window", "1h")))
                .hasMessageContaining("aggregate.clusters.window")
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(
                        () -> AggregateConfig.from(Props.of("aggregate.clusters.window", "PT0S")))
                .hasMessageContaining("aggregate.clusters.window must be a positive duration");
        assertThatThrownBy(
                        () -> AggregateConfig.from(Props.of("aggregate.scenes.threshold", "1.5")))
                .hasMessageContaining("aggregate.scenes.threshold must be between 0 and 1");
        assertThatThrownBy(
                        () ->
                                AggregateConfig.from(
                                        Props.of(
                                                "aggregate.weight.visual", "0",
                                                "aggregate.weight.colour", "0")))
                .hasMessageContaining("must not both be 0");
        assertThatThrownBy(() -> AggregateConfig.from(Props.of("aggregate.clusters.k", "3")))
                .hasMessageContaining("unknown setting aggregate.clusters.k");
    }
}
