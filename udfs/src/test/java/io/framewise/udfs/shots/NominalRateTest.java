package io.framewise.udfs.shots;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.shots.Rational;
import org.junit.jupiter.api.Test;

class NominalRateTest {

    @Test
    void keepsTheDeclaredRateWhenFramesAgree() {
        Rational ntsc = new Rational(30000, 1001);
        assertThat(NominalRate.reconcile(ntsc, 1799, 1798 / ntsc.toDouble())).isEqualTo(ntsc);
    }

    @Test
    void usesTheMeasuredRateWhenTheContainerGuessesWrong() {
        // 361 frames over 12 s is 30 fps, whatever the container says.
        assertThat(NominalRate.reconcile(new Rational(50, 1), 361, 12.0))
                .isEqualTo(new Rational(30, 1));
        assertThat(NominalRate.reconcile(new Rational(50, 1), 101, 10.0))
                .isEqualTo(new Rational(10000, 1000));
    }
}
