package io.framewise.pipeline.shots;

import java.io.Serializable;

/**
 * An exact frame rate or time base, as containers store them (30000/1001 is not 29.97).
 *
 * <p>Kept exact so that drop-frame timecodes and frame/time conversions do not drift.
 */
public record Rational(long num, long den) implements Serializable {

    public Rational {
        if (den <= 0) {
            throw new IllegalArgumentException("denominator must be positive: " + num + "/" + den);
        }
    }

    public double toDouble() {
        return (double) num / den;
    }

    public boolean isPositive() {
        return num > 0;
    }

    @Override
    public String toString() {
        return num + "/" + den;
    }
}
