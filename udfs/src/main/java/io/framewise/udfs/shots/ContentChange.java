package io.framewise.udfs.shots;

/**
 * How much of a picture's structure (text lines, edges, layout) one frame replaces, measured on the
 * signatures' fine luma grids.
 *
 * <p>A fine cell has <b>structure</b> when it differs from its right or lower neighbour by at least
 * {@link #STRUCTURE} levels (an edge): the strokes of text and the edges of shapes, not flat
 * background or smooth gradients. An edge is lost when either of its two cells changed. A cell has
 * <b>changed</b> when its luma moved by at least {@link #CHANGED} levels beyond the uniform
 * brightness shift of the whole grid (compression noise and exposure drift stay below that). From
 * these, per frame against the one before:
 *
 * <ul>
 *   <li>{@code lost}: the share of the earlier frame's edges that are lost. Typing and appended
 *       lines keep every old cell (lost near 0); a slide or terminal whose text is replaced loses
 *       most of it, even on an identical background. Scrolling loses structure on every frame it
 *       lasts, which the boundary rule tells from a replacement in one step (a search for the
 *       scroll's shift was tried and dropped: text moved by a fraction of a cell does not match any
 *       interpolation of the cells);
 *   <li>{@code extent}: the share of the picture's height between the highest and lowest changed
 *       structure cell (old or new), so a one-line subtitle or a clock is told from a slide;
 *   <li>{@code top}: where the highest changed structure cell is, as a share of the height from the
 *       top, so a change confined to the bottom band (captions, tickers) can be set apart.
 * </ul>
 *
 * <p>Pictures with almost no structure ({@link #MIN_STRUCTURE} of the cells) have nothing to lose:
 * {@code lost} is 0 and colour or brightness changes are the coarse distance's business.
 */
final class ContentChange {

    /** Luma step between neighbouring fine cells that counts as structure. */
    static final int STRUCTURE = 24;

    /**
     * Luma change of a cell, beyond the uniform shift, that counts as changed. A fine cell averages
     * about 100 pixels, so noise and compression flicker on still content stay within 1-3 levels
     * (measured on screen recordings: every structure cell of a still picture within 3 levels),
     * while replaced text moves most of its cells by 4-60.
     */
    static final int CHANGED = 8;

    /** Share of the cells that must have structure for a loss to mean anything. */
    static final double MIN_STRUCTURE = 0.004;

    static final int LOST = 0;
    static final int EXTENT = 1;
    static final int TOP = 2;
    static final int COUNT = 3;

    private ContentChange() {}

    /** Share of the structure cells of either picture that changed. */
    static float changedShare(int[] a, int[] b) {
        return measure(a, b, new float[COUNT], 0);
    }

    /**
     * Writes lost, extent and top of {@code sig} against {@code before} (both {@linkplain
     * Signature#widen widened}) into {@code out[at..]}.
     *
     * <p>It runs twice for every frame, so it is written for the JIT's vector instructions: every
     * test of a cell is arithmetic on ints ({@link #atLeast}, 0 or 1) and every count a sum of
     * those, with no branch and no array of flags per cell. Written with comparisons, booleans and
     * each picture's structure kept between calls, the same took 28 µs a frame (two comparisons and
     * one picture's structure, on slide-like 128x72 grids in a microbenchmark); so, 12 µs. The
     * rules are as the class describes, cell by cell; {@code ContentChangeTest} holds this to that
     * plain form.
     *
     * @return the share of the structure cells of either picture that changed
     */
    static float measure(int[] sig, int[] before, float[] out, int at) {
        int w = Signature.FINE * sig[sig.length - 2];
        int h = Signature.FINE * sig[sig.length - 1];
        int from = (sig.length - 2) / 2;
        int n = w * h;
        int sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += sig[i] - before[i];
        }
        int uniform = (int) Math.round((double) sum / n);
        int largest = 0;
        for (int i = from; i < from + n; i++) {
            largest = Math.max(largest, Math.abs(sig[i] - before[i] - uniform));
        }
        if (largest < CHANGED) {
            // Most frames of still content: no cell changed, nothing to measure.
            out[at + LOST] = 0;
            out[at + EXTENT] = 0;
            out[at + TOP] = 1;
            return 0;
        }
        Counts counts = new Counts();
        for (int y = 0; y < h; y++) {
            int row = from + y * w;
            int changedInRow =
                    y + 1 < h
                            ? counts.row(sig, before, uniform, row, w, w)
                            : counts.row(sig, before, uniform, row, w, 0);
            if (changedInRow > 0) {
                counts.topRow = Math.min(counts.topRow, y);
                counts.bottomRow = y;
            }
        }
        float lost = 0;
        if (counts.structured >= MIN_STRUCTURE * n) {
            lost = (float) counts.lost / counts.structured;
        }
        out[at + LOST] = lost;
        out[at + EXTENT] =
                counts.bottomRow < 0 ? 0 : (float) (counts.bottomRow - counts.topRow + 1) / h;
        out[at + TOP] = counts.bottomRow < 0 ? 1 : (float) counts.topRow / h;
        return counts.either == 0 ? 0 : (float) counts.eitherChanged / counts.either;
    }

    /** What {@link #measure} counts over the rows. */
    private static final class Counts {
        int structured;
        int lost;
        int either;
        int eitherChanged;
        int topRow = Integer.MAX_VALUE;
        int bottomRow = -1;

        /**
         * Counts the cells of the row starting at {@code row}, {@code w} wide; {@code below} is the
         * offset of the row below, or 0 for the last row (a cell's own value then stands in for its
         * missing neighbour, which changes nothing: no cell differs from itself). Returns how many
         * structure cells of either picture in the row changed.
         */
        int row(int[] sig, int[] before, int uniform, int row, int w, int below) {
            int changedInRow = 0;
            int last = row + w - 1;
            for (int i = row; i < last; i++) {
                changedInRow += cell(sig, before, uniform, i, i + 1, i + below);
            }
            // The last column has no right neighbour: the cell itself stands in for it.
            changedInRow += cell(sig, before, uniform, last, last, last + below);
            return changedInRow;
        }

        /**
         * Counts cell {@code i}, with {@code right} and {@code below} its neighbours (or itself
         * where it has none); returns 1 if it is a structure cell of either picture and changed.
         */
        private int cell(int[] sig, int[] before, int uniform, int i, int right, int below) {
            int old = structure(before, i, right, below);
            int now = structure(sig, i, right, below);
            int changed = changed(sig, before, uniform, i);
            int neighbourChanged =
                    changed(sig, before, uniform, right) | changed(sig, before, uniform, below);
            int any = old | now;
            structured += old;
            // An edge is gone when either of its cells changed.
            lost += old & (changed | neighbourChanged);
            either += any;
            eitherChanged += any & changed;
            return any & changed;
        }
    }

    /** 1 when cell {@code i} differs from its right or lower neighbour by {@link #STRUCTURE}. */
    private static int structure(int[] sig, int i, int right, int below) {
        int step = Math.max(Math.abs(sig[right] - sig[i]), Math.abs(sig[below] - sig[i]));
        return atLeast(STRUCTURE, step);
    }

    /** 1 when cell {@code i} moved by {@link #CHANGED} beyond the uniform shift. */
    private static int changed(int[] sig, int[] before, int uniform, int i) {
        return atLeast(CHANGED, Math.abs(sig[i] - before[i] - uniform));
    }

    /** 1 when {@code value >= threshold}, else 0, without a branch; both at least 0. */
    static int atLeast(int threshold, int value) {
        return (threshold - 1 - value) >>> 31;
    }
}
