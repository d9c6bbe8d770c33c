package io.framewise.udfs.shots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ContentChangeTest {

    private static final int GRID_WIDTH = 64;
    private static final int GRID_HEIGHT = 36;

    /** A widened signature whose fine luma grid is {@code fine} (2 * grid width per row). */
    private static int[] signature(int[] fine, int gridWidth, int gridHeight) {
        int fineCells = 4 * gridWidth * gridHeight;
        byte[] yuv = new byte[3 * fineCells];
        for (int i = 0; i < fineCells; i++) {
            yuv[i] = (byte) fine[i];
            yuv[fineCells + i] = (byte) 128;
            yuv[2 * fineCells + i] = (byte) 128;
        }
        return Signature.widen(Signature.of(yuv, gridWidth, gridHeight));
    }

    /** A slide: a soft gradient, noise, and lines of "text" (dark strokes) where asked. */
    private static int[] slide(Random random, int gridWidth, int gridHeight, int... textRows) {
        int w = 2 * gridWidth;
        int h = 2 * gridHeight;
        int[] fine = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                fine[y * w + x] = 180 + x / 8 - y / 8 + random.nextInt(5) - 2;
            }
        }
        for (int row : textRows) {
            int seed = random.nextInt(1000);
            for (int x = 4; x < w - 4; x++) {
                if ((x * 7 + seed) % 5 < 2) {
                    fine[row * w + x] = 40;
                    fine[(row + 1) * w + x] = 60;
                }
            }
        }
        return signature(fine, gridWidth, gridHeight);
    }

    private static float[] measure(int[] sig, int[] before) {
        float[] out = new float[ContentChange.COUNT];
        ContentChange.measure(sig, before, out, 0);
        return out;
    }

    @Test
    void textReplacedOnTheSameBackgroundLosesMostStructure() {
        Random random = new Random(1);
        int[] before = slide(random, GRID_WIDTH, GRID_HEIGHT, 10, 20, 30, 40);
        int[] after = slide(random, GRID_WIDTH, GRID_HEIGHT, 12, 22, 32, 42);

        float[] change = measure(after, before);

        assertThat(change[ContentChange.LOST]).isGreaterThan(0.5f);
        assertThat(change[ContentChange.EXTENT]).isGreaterThan(0.4f);
    }

    @Test
    void anAppendedLineLosesNothingAndIsOneLineHigh() {
        Random random = new Random(2);
        int[] fine = new int[4 * GRID_WIDTH * GRID_HEIGHT];
        int[] before = slide(random, GRID_WIDTH, GRID_HEIGHT, 10, 20);
        int from = (before.length - 2) / 2;
        System.arraycopy(before, from, fine, 0, fine.length);
        int w = 2 * GRID_WIDTH;
        for (int x = 4; x < w - 4; x += 3) {
            fine[50 * w + x] = 30;
        }
        int[] after = signature(fine, GRID_WIDTH, GRID_HEIGHT);

        float[] change = measure(after, before);

        assertThat(change[ContentChange.LOST]).isLessThan(0.05f);
        assertThat(change[ContentChange.EXTENT]).isLessThan(0.05f);
        assertThat(change[ContentChange.TOP]).isCloseTo(50f / (2 * GRID_HEIGHT), within(0.03f));
    }

    @Test
    void aUniformBrightnessShiftIsNoChange() {
        Random random = new Random(3);
        int[] before = slide(random, GRID_WIDTH, GRID_HEIGHT, 10, 20, 30);
        int[] after = before.clone();
        int from = (after.length - 2) / 2;
        for (int i = from; i < after.length - 2; i++) {
            after[i] = Math.min(255, after[i] + 20);
        }

        float[] change = measure(after, before);

        assertThat(change).containsExactly(0f, 0f, 1f);
        assertThat(ContentChange.changedShare(after, before)).isZero();
    }

    /**
     * The measure's branch-free arithmetic gives, to the bit, what the rules give cell by cell in
     * their plain form below: on slides, on changes that reach the last row and column (where cells
     * have fewer neighbours), on pictures without structure and on the narrowest grids.
     */
    @Test
    void equalsThePlainCellByCellRules() {
        Random random = new Random(4);
        int[][] grids = {{64, 36}, {36, 64}, {4, 4}, {5, 64}, {64, 4}};
        int compared = 0;
        for (int[] grid : grids) {
            for (int round = 0; round < 60; round++) {
                int[] a = randomPicture(random, grid[0], grid[1]);
                int[] b = round % 3 == 0 ? a.clone() : randomPicture(random, grid[0], grid[1]);
                perturb(random, b, round);
                float[] fast = new float[ContentChange.COUNT];
                float[] plain = new float[ContentChange.COUNT];
                float fastShare = ContentChange.measure(b, a, fast, 0);
                float plainShare = plainMeasure(b, a, plain);
                assertThat(fast).as("grid %s round %d", grid, round).containsExactly(plain);
                assertThat(fastShare).isEqualTo(plainShare);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(300);
    }

    /** Flat, noisy, slide-like or random pictures, as widened signatures. */
    private static int[] randomPicture(Random random, int gridWidth, int gridHeight) {
        int kind = random.nextInt(4);
        if (kind == 0) {
            return slide(
                    random, gridWidth, gridHeight, random.nextInt(2 * gridHeight - 2), gridHeight);
        }
        int[] fine = new int[4 * gridWidth * gridHeight];
        for (int i = 0; i < fine.length; i++) {
            fine[i] =
                    switch (kind) {
                        case 1 -> 90;
                        case 2 -> 120 + random.nextInt(7) - 3;
                        default -> random.nextInt(256);
                    };
        }
        return signature(fine, gridWidth, gridHeight);
    }

    /** Changes some cells of a picture, often along its last row and column. */
    private static void perturb(Random random, int[] sig, int round) {
        int w = Signature.FINE * sig[sig.length - 2];
        int h = Signature.FINE * sig[sig.length - 1];
        int from = (sig.length - 2) / 2;
        int cells = random.nextInt(3 * (round % 7 + 1));
        for (int k = 0; k < cells; k++) {
            int x = random.nextBoolean() ? w - 1 : random.nextInt(w);
            int y = random.nextBoolean() ? h - 1 : random.nextInt(h);
            sig[from + y * w + x] = random.nextInt(256);
        }
    }

    /** The rules of {@link ContentChange} in their plain form: cell by cell, with booleans. */
    private static float plainMeasure(int[] sig, int[] before, float[] out) {
        int w = Signature.FINE * sig[sig.length - 2];
        int h = Signature.FINE * sig[sig.length - 1];
        int from = (sig.length - 2) / 2;
        int n = w * h;
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += sig[from + i] - before[from + i];
        }
        int uniform = (int) Math.round((double) sum / n);
        boolean[] changed = new boolean[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            changed[i] =
                    Math.abs(sig[from + i] - before[from + i] - uniform) >= ContentChange.CHANGED;
            any |= changed[i];
        }
        if (!any) {
            out[ContentChange.LOST] = 0;
            out[ContentChange.EXTENT] = 0;
            out[ContentChange.TOP] = 1;
            return 0;
        }
        int structured = 0;
        int lost = 0;
        int either = 0;
        int eitherChanged = 0;
        int top = h;
        int bottom = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean old = plainStructure(before, from, w, h, x, y);
                boolean now = plainStructure(sig, from, w, h, x, y);
                if (old) {
                    structured++;
                    boolean right = x + 1 < w && changed[i + 1];
                    boolean below = y + 1 < h && changed[i + w];
                    if (changed[i] || right || below) {
                        lost++;
                    }
                }
                if ((old || now) && changed[i]) {
                    eitherChanged++;
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
                if (old || now) {
                    either++;
                }
            }
        }
        out[ContentChange.LOST] =
                structured >= ContentChange.MIN_STRUCTURE * n ? (float) lost / structured : 0;
        out[ContentChange.EXTENT] = bottom < 0 ? 0 : (float) (bottom - top + 1) / h;
        out[ContentChange.TOP] = bottom < 0 ? 1 : (float) top / h;
        return either == 0 ? 0 : (float) eitherChanged / either;
    }

    private static boolean plainStructure(int[] sig, int from, int w, int h, int x, int y) {
        int here = sig[from + y * w + x];
        int right = x + 1 < w ? Math.abs(sig[from + y * w + x + 1] - here) : 0;
        int below = y + 1 < h ? Math.abs(sig[from + (y + 1) * w + x] - here) : 0;
        return Math.max(right, below) >= ContentChange.STRUCTURE;
    }
}
