package io.framewise.pipeline.shots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ShotDetectionConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ShotDetectionConfig c = ShotDetectionConfig.defaults();
        assertThat(c.minCutDistance())
                .isEqualTo(
                        Double.parseDouble(ShotDetectionConfig.KEYS.get("shots.cut.min-distance")));
        assertThat(c.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.skipLoopFilter()).isTrue();
        assertThat(c.segments()).isZero();
    }

    @Test
    void readsOverrides() {
        Properties p = new Properties();
        p.setProperty("shots.cut.adaptive-ratio", "4.5");
        p.setProperty("shots.timeout", "PT30S");
        ShotDetectionConfig c = ShotDetectionConfig.from(p);
        assertThat(c.adaptiveRatio()).isEqualTo(4.5);
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.withSegments(3).segments()).isEqualTo(3);
    }

    @Test
    void badValuesNameTheKeyAndWhatItAccepts() {
        Properties p = new Properties();
        p.setProperty("shots.flash.similarity", "2");
        assertThatThrownBy(() -> ShotDetectionConfig.from(p))
                .hasMessageContaining("shots.flash.similarity")
                .hasMessageContaining("between 0.0 and 1.0");
        Properties q = new Properties();
        q.setProperty("shots.timeout", "ten minutes");
        assertThatThrownBy(() -> ShotDetectionConfig.from(q)).hasMessageContaining("PT10M");
        Properties r = new Properties();
        r.setProperty("shots.decoder.skip-loop-filter", "yes");
        assertThatThrownBy(() -> ShotDetectionConfig.from(r)).hasMessageContaining("true or false");
    }

    @Test
    void unknownShotsKeysAreRejected() {
        Properties p = new Properties();
        p.setProperty("shots.cut.treshold", "3");
        assertThatThrownBy(() -> ShotDetectionConfig.from(p))
                .hasMessageContaining("unknown setting shots.cut.treshold")
                .hasMessageContaining("shots.cut.min-distance");
    }
}
