package io.framewise.udfs.shots;

/**
 * Bits of an H.264 NAL unit's payload (its RBSP), with emulation prevention bytes (00 00 03)
 * dropped: fixed-width fields and Exp-Golomb codes. Reading past the unit's end is an {@link
 * IllegalStateException}.
 */
final class Rbsp {
    private final byte[] data;
    private final int start;
    private final int end;
    private int at;
    private int zeros;
    private int current;
    private int left;

    Rbsp(byte[] data, int from, int to) {
        this.data = data;
        this.start = from;
        this.at = from;
        this.end = Math.min(to, data.length);
    }

    boolean bit() {
        if (left == 0) {
            if (at >= end) {
                throw new IllegalStateException("header runs past its NAL unit");
            }
            int b = data[at++] & 0xff;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                return bit();
            }
            zeros = b == 0 ? zeros + 1 : 0;
            current = b;
            left = 8;
        }
        left--;
        return ((current >> left) & 1) == 1;
    }

    int bits(int n) {
        int value = 0;
        for (int i = 0; i < n; i++) {
            value = (value << 1) | (bit() ? 1 : 0);
        }
        return value;
    }

    int ue() {
        int leading = 0;
        while (!bit()) {
            if (++leading > 31) {
                throw new IllegalStateException("Exp-Golomb code too long");
            }
        }
        return (int) ((1L << leading) - 1 + bits(leading));
    }

    int se() {
        int k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    /** Whole bytes read so far, counting the one being read. */
    int bytesRead() {
        return at - start;
    }
}
