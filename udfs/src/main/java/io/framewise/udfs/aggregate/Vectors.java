package io.framewise.udfs.aggregate;

/** Small vector arithmetic on float arrays, accumulated in double. */
final class Vectors {

    private Vectors() {}

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** The cosine of two vectors of the same length; 0 when either is zero. */
    static double cosine(float[] a, float[] b) {
        double na = norm(a);
        double nb = norm(b);
        return na == 0 || nb == 0 ? 0 : dot(a, b) / (na * nb);
    }

    static double squaredDistance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    /**
     * The Bhattacharyya coefficient of two histograms of shares: 1 for the same colours, 0 for
     * colours that do not overlap at all.
     */
    static double bhattacharyya(float[] p, float[] q) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += Math.sqrt(Math.max(0, (double) p[i]) * Math.max(0, (double) q[i]));
        }
        return Math.min(1, sum);
    }
}
