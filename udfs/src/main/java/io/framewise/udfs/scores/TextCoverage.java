package io.framewise.udfs.scores;

import io.framewise.pipeline.text.RecognizedText;
import io.framewise.pipeline.text.TextBox;
import io.framewise.pipeline.text.TextLine;

/**
 * The share of a picture covered by the text read on it: the area of the union of the recognised
 * lines' boxes (clipped to the picture; overlaps counted once) over the picture's area, 0-1. No
 * text, or text recognition that failed, is 0.
 */
public final class TextCoverage {

    private TextCoverage() {}

    public static double of(RecognizedText text, int width, int height) {
        if (text == null || text.lines().isEmpty()) {
            return 0;
        }
        boolean[] covered = new boolean[width * height];
        long count = 0;
        for (TextLine line : text.lines()) {
            TextBox b = line.box();
            int x0 = Math.max(0, b.x());
            int y0 = Math.max(0, b.y());
            int x1 = Math.min(width, b.x() + b.width());
            int y1 = Math.min(height, b.y() + b.height());
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    int i = y * width + x;
                    if (!covered[i]) {
                        covered[i] = true;
                        count++;
                    }
                }
            }
        }
        return (double) count / ((double) width * height);
    }
}
