package io.framewise.udfs.speech;

/**
 * How much of a stretch of audio's energy lies in its strongest narrow band: near 1 for a pure tone
 * (a sine, a sweep, a whistle), well below for speech, whose energy spreads over many harmonics and
 * noise. A 512-point FFT under a Hann window; the band is the peak bin and two bins either side
 * (the window's main lobe). Not thread-safe: one per caller.
 */
final class Tonality {

    static final int SIZE = 512;

    private final double[] window = new double[SIZE];
    private final double[] re = new double[SIZE];
    private final double[] im = new double[SIZE];

    Tonality() {
        for (int i = 0; i < SIZE; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (SIZE - 1));
        }
    }

    /** The peak band's share of the energy of {@code SIZE} samples from {@code from}, 0-1. */
    double peakShare(short[] samples, int from) {
        for (int i = 0; i < SIZE; i++) {
            re[i] = samples[from + i] * window[i];
            im[i] = 0;
        }
        fft(re, im);
        double total = 0;
        double peak = -1;
        int at = 1;
        // Bin 0 (DC) and the lowest bins (under 60 Hz: hum) carry no speech.
        int first = 2;
        for (int k = first; k < SIZE / 2; k++) {
            double p = re[k] * re[k] + im[k] * im[k];
            re[k] = p;
            total += p;
            if (p > peak) {
                peak = p;
                at = k;
            }
        }
        if (total <= 0) {
            return 0;
        }
        double band = 0;
        for (int k = Math.max(first, at - 2); k <= Math.min(SIZE / 2 - 1, at + 2); k++) {
            band += re[k];
        }
        return band / total;
    }

    /** In-place iterative radix-2 FFT. */
    private static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            double wr = Math.cos(angle);
            double wi = Math.sin(angle);
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * cr - im[b] * ci;
                    double xi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                    double t = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = t;
                }
            }
        }
    }
}
