package io.framewise.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class VideoTimeoutConfigTest {

    @Test
    void theDefaultIsTwoHours() {
        assertThat(VideoTimeoutConfig.DEFAULTS.videoTimeout()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void readsItsKeyAndLeavesOthersAlone() {
        Properties p = new Properties();
        p.setProperty("job.video-timeout", "PT30M");
        p.setProperty("job.parallelism", "4");
        assertThat(VideoTimeoutConfig.from(p).videoTimeout()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aBadValueNamesTheKey() {
        Properties p = new Properties();
        p.setProperty("job.video-timeout", "2h");
        assertThatThrownBy(() -> VideoTimeoutConfig.from(p))
                .hasMessageContaining("job.video-timeout")
                .hasMessageContaining("2h");
        p.setProperty("job.video-timeout", "PT0S");
        assertThatThrownBy(() -> VideoTimeoutConfig.from(p))
                .hasMessageContaining("job.video-timeout must be a positive duration");
    }
}
