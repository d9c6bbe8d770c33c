package io.framewise.udfs.shots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SignatureTest {

    /** Each byte as the plain formula has it. */
    private static byte[] plainInterpolate(byte[] a, byte[] b, double t) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            int from = a[i] & 0xFF;
            out[i] = (byte) Math.round(from + t * ((b[i] & 0xFF) - from));
        }
        return out;
    }

    @Test
    void interpolatesEveryPairOfBytesAsThePlainFormula() {
        // Every (from, to) pair, at the fractions of a skipped frame between two decoded ones:
        // halves, thirds, sixths and tenths give exact and inexact halves of a level.
        byte[] a = new byte[256 * 256];
        byte[] b = new byte[256 * 256];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (i / 256);
            b[i] = (byte) (i % 256);
        }
        int checked = 0;
        for (int steps = 2; steps <= 12; steps++) {
            for (int step = 1; step < steps; step++) {
                double t = (double) step / steps;
                assertThat(Signature.interpolate(a, b, t))
                        .as("t = %d/%d", step, steps)
                        .isEqualTo(plainInterpolate(a, b, t));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(66);
    }

    @Test
    void interpolatesAtAnyFraction() {
        Random random = new Random(5);
        byte[] a = new byte[4096];
        byte[] b = new byte[4096];
        for (int round = 0; round < 200; round++) {
            random.nextBytes(a);
            random.nextBytes(b);
            double t = random.nextDouble();
            assertThat(Signature.interpolate(a, b, t)).isEqualTo(plainInterpolate(a, b, t));
        }
    }

    @Test
    void theEndsAreThePicturesThemselves() {
        byte[] a = {0, 10, (byte) 200, (byte) 255};
        byte[] b = {(byte) 255, 12, (byte) 100, 0};
        assertThat(Signature.interpolate(a, b, 0)).isEqualTo(a);
        assertThat(Signature.interpolate(a, b, 1)).isEqualTo(b);
        assertThat(Signature.interpolate(a, b, 0.5))
                .containsExactly(128, 11, (byte) 150, (byte) 128);
    }
}
