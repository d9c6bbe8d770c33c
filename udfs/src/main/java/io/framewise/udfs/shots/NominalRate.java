package io.framewise.udfs.shots;

import io.framewise.pipeline.shots.Rational;

/**
 * Reconciles the frame rate a container declares with the rate its frames really have.
 *
 * <p>Containers guess the rate of variable-rate video differently (Matroska reported 50 fps for a
 * 30 fps average with alternating frame durations), while frame numbers count decoded frames. When
 * the declared rate is more than {@link #TOLERANCE} off the measured average, the measured one is
 * used, snapped to the closest standard rate within 1%.
 */
final class NominalRate {

    static final double TOLERANCE = 0.05;

    private static final Rational[] STANDARD = {
        new Rational(24000, 1001), new Rational(24, 1), new Rational(25, 1),
        new Rational(30000, 1001), new Rational(30, 1), new Rational(50, 1),
        new Rational(60000, 1001), new Rational(60, 1)
    };

    private NominalRate() {}

    static Rational reconcile(Rational declared, long frames, double spanSeconds) {
        if (frames < 3 || spanSeconds <= 0) {
            return declared;
        }
        double measured = (frames - 1) / spanSeconds;
        if (Math.abs(declared.toDouble() - measured) <= TOLERANCE * measured) {
            return declared;
        }
        Rational closest = null;
        for (Rational standard : STANDARD) {
            double off = Math.abs(standard.toDouble() - measured);
            if (off <= 0.01 * measured
                    && (closest == null || off < Math.abs(closest.toDouble() - measured))) {
                closest = standard;
            }
        }
        return closest != null ? closest : new Rational(Math.round(measured * 1000), 1000);
    }
}
