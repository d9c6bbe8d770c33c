package io.framewise.udfs.shots;

import java.util.function.Function;

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
     * @return the share of the structure cells of either picture that changed
     */
    static float measure(int[] sig, int[] before, float[] out, int at) {
        return measure(sig, before, ContentChange::structure, out, at);
    }

    /**
     * {@link #measure(int[], int[], float[], int)} with each picture's structure cells from {@code
     * structures} ({@link #structure} of it, or the same kept from an earlier comparison): a frame
     * is compared with the two before it, and they with theirs, so each picture's structure is
     * needed four times. Asked only when some cell changed.
     */
    static float measure(
            int[] sig, int[] before, Function<int[], boolean[]> structures, float[] out, int at) {
        int w = Signature.FINE * sig[sig.length - 2];
        int h = Signature.FINE * sig[sig.length - 1];
        int from = (sig.length - 2) / 2;
        int n = w * h;
        int sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += sig[i] - before[i];
        }
        int uniform = (int) Math.round((double) sum / n);
        int changes = 0;
        for (int i = from; i < from + n; i++) {
            changes += Math.abs(sig[i] - before[i] - uniform) >= CHANGED ? 1 : 0;
        }
        if (changes == 0) {
            // Most frames of still content: nothing to measure (and the cheapest path).
            out[at + LOST] = 0;
            out[at + EXTENT] = 0;
            out[at + TOP] = 1;
            return 0;
        }
        boolean[] oldStructure = structures.apply(before);
        boolean[] newStructure = structures.apply(sig);
        boolean[] changed = new boolean[n];
        for (int i = 0; i < n; i++) {
            changed[i] = Math.abs(sig[from + i] - before[from + i] - uniform) >= CHANGED;
        }
        // One pass, row by row: this runs for every frame that changes at all (in a moving shot,
        // nearly all), so no per-cell division.
        int structured = 0;
        int lostCells = 0;
        int eitherStructured = 0;
        int eitherChanged = 0;
        int topRow = h;
        int bottomRow = -1;
        for (int y = 0; y < h; y++) {
            boolean lastRow = y + 1 == h;
            for (int x = 0, i = y * w; x < w; x++, i++) {
                boolean lastColumn = x + 1 == w;
                boolean old = oldStructure[i];
                boolean now = newStructure[i];
                if (old) {
                    structured++;
                    // An edge is gone when either of its cells changed.
                    if (changed[i] || !lastColumn && changed[i + 1] || !lastRow && changed[i + w]) {
                        lostCells++;
                    }
                }
                if (old || now) {
                    eitherStructured++;
                    if (changed[i]) {
                        eitherChanged++;
                        topRow = Math.min(topRow, y);
                        bottomRow = y;
                    }
                }
            }
        }
        float lost = 0;
        if (structured >= MIN_STRUCTURE * n) {
            lost = (float) lostCells / structured;
        }
        out[at + LOST] = lost;
        out[at + EXTENT] = bottomRow < 0 ? 0 : (float) (bottomRow - topRow + 1) / h;
        out[at + TOP] = bottomRow < 0 ? 1 : (float) topRow / h;
        return eitherStructured == 0 ? 0 : (float) eitherChanged / eitherStructured;
    }

    /** Which fine cells of {@code sig} (widened) have structure, row by row. */
    static boolean[] structure(int[] sig) {
        int w = Signature.FINE * sig[sig.length - 2];
        int h = Signature.FINE * sig[sig.length - 1];
        int from = (sig.length - 2) / 2;
        boolean[] structure = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            boolean lastRow = y + 1 == h;
            for (int x = 0, i = y * w; x < w; x++, i++) {
                structure[i] = isStructure(sig, from + i, w, x + 1 == w, lastRow);
            }
        }
        return structure;
    }

    /**
     * True when the fine cell at {@code sig[at]} differs from its right or lower neighbour (where
     * it has one) by at least {@link #STRUCTURE}.
     */
    private static boolean isStructure(
            int[] sig, int at, int w, boolean lastColumn, boolean lastRow) {
        int here = sig[at];
        int right = lastColumn ? 0 : Math.abs(sig[at + 1] - here);
        int below = lastRow ? 0 : Math.abs(sig[at + w] - here);
        return Math.max(right, below) >= STRUCTURE;
    }
}
