package io.framewise.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.pipeline.config.Props;
import org.junit.jupiter.api.Test;

class OcrConfigTest {

    @Test
    void defaults() {
        OcrConfig c = OcrConfig.defaults();
        assertThat(c.language()).isEqualTo("eng");
        assertThat(c.minConfidence()).isEqualTo(0.5);
        assertThat(c.upscaleBelow()).isEqualTo(20);
        assertThat(c.gateMinContrast()).isEqualTo(40);
        assertThat(c.gateMinHeight()).isEqualTo(8);
        assertThat(c.gateMaxArea()).isEqualTo(0.5);
        assertThat(OcrConfig.KEYS.keySet())
                .containsExactly(
                        "ocr.language",
                        "ocr.min-confidence",
                        "ocr.upscale-below",
                        "ocr.gate.min-contrast",
                        "ocr.gate.min-height",
                        "ocr.gate.max-area");
    }

    @Test
    void readsEveryKeyAndIgnoresOtherPrefixes() {
        OcrConfig c =
                OcrConfig.from(
                        Props.of(
                                "ocr.language", " eng+deu ",
                                "ocr.min-confidence", "0.7",
                                "ocr.upscale-below", "0",
                                "ocr.gate.min-contrast", "25",
                                "ocr.gate.min-height", "12",
                                "ocr.gate.max-area", "1",
                                "shots.segments", "2"));
        assertThat(c).isEqualTo(new OcrConfig("eng+deu", 0.7, 0, 25, 12, 1.0));
    }

    @Test
    void rejectsUnknownKeysNamingThem() {
        assertThatThrownBy(() -> OcrConfig.from(Props.of("ocr.langauge", "eng")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ocr.langauge")
                .hasMessageContaining("ocr.language");
    }

    @Test
    void rejectsBadValuesNamingKeyAndAllowedValues() {
        assertThatThrownBy(() -> OcrConfig.from(Props.of("ocr.min-confidence", "1.5")))
                .hasMessageContaining("ocr.min-confidence must be between 0 and 1");
        assertThatThrownBy(() -> OcrConfig.from(Props.of("ocr.min-confidence", "NaN")))
                .hasMessageContaining("ocr.min-confidence must be between 0 and 1");
        assertThatThrownBy(() -> OcrConfig.from(Props.of("ocr.min-confidence", "high")))
                .hasMessageContaining("ocr.min-confidence must be a number, got 'high'");
        assertThatThrownBy(() -> OcrConfig.from(Props.of("ocr.language", "../etc")))
                .hasMessageContaining("ocr.language must be");
        assertThatThrownBy(() -> OcrConfig.from(Props.of("ocr.language", "")))
                .hasMessageContaining("ocr.language must be");
        assertThatThrownBy(() -> OcrConfig.from(Props.of("ocr.upscale-below", "-1")))
                .hasMessageContaining("ocr.upscale-below must be between 0 and 256");
        assertThatThrownBy(() -> OcrConfig.from(Props.of("ocr.gate.min-contrast", "0")))
                .hasMessageContaining("ocr.gate.min-contrast must be between 1 and 255");
        assertThatThrownBy(() -> OcrConfig.from(Props.of("ocr.gate.min-height", "2.5")))
                .hasMessageContaining("ocr.gate.min-height must be a whole number, got '2.5'");
        assertThatThrownBy(() -> OcrConfig.from(Props.of("ocr.gate.max-area", "0")))
                .hasMessageContaining("ocr.gate.max-area must be greater than 0 and at most 1");
        assertThatThrownBy(() -> OcrConfig.from(Props.of("ocr.gate.min-height", "0")))
                .hasMessageContaining("ocr.gate.min-height must be at least 1");
    }
}
