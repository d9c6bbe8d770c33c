package io.framewise.pipeline.shots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimecodeTest {

    private static final Rational NTSC = new Rational(30000, 1001);

    @Test
    void nonDropFrameCountsWholeFrames() {
        Rational pal = new Rational(25, 1);
        assertThat(Timecode.of(0, pal)).isEqualTo("00:00:00:00");
        assertThat(Timecode.of(24, pal)).isEqualTo("00:00:00:24");
        assertThat(Timecode.of(25, pal)).isEqualTo("00:00:01:00");
        assertThat(Timecode.of(25L * 3661 + 7, pal)).isEqualTo("01:01:01:07");
    }

    @Test
    void dropFrameSkipsTwoNumbersEachMinuteButTheTenth() {
        assertThat(Timecode.of(1799, NTSC)).isEqualTo("00:00:59;29");
        // The first frame of minute one is numbered ;02: ;00 and ;01 are dropped.
        assertThat(Timecode.of(1800, NTSC)).isEqualTo("00:01:00;02");
        // Every tenth minute keeps its numbers: 10 minutes hold 17982 frames.
        assertThat(Timecode.of(17982, NTSC)).isEqualTo("00:10:00;00");
        assertThat(Timecode.of(17981, NTSC)).isEqualTo("00:09:59;29");
    }

    @Test
    void dropFrameAt5994DropsFour() {
        Rational rate = new Rational(60000, 1001);
        assertThat(Timecode.isDropFrame(rate)).isTrue();
        assertThat(Timecode.of(3600, rate)).isEqualTo("00:01:00;04");
    }

    @Test
    void dropFrameTimecodeStaysWithinAFrameOfWallClock() {
        // One hour of 29.97 video: 107892 frames read as 01:00:00;00.
        assertThat(Timecode.of(107892, NTSC)).isEqualTo("01:00:00;00");
    }

    @Test
    void rejectsNegativeFrames() {
        assertThatThrownBy(() -> Timecode.of(-1, NTSC))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
