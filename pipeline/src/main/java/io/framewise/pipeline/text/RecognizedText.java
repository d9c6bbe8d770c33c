package io.framewise.pipeline.text;

import java.io.Serializable;
import java.util.List;

/**
 * What text recognition found on one picture.
 *
 * @param lines recognised lines, top to bottom
 * @param regions text regions the gate found (0: the recogniser did not run)
 * @param millis time spent, gate and recognition together
 */
public record RecognizedText(List<TextLine> lines, int regions, long millis)
        implements Serializable {

    public RecognizedText {
        lines = List.copyOf(lines);
    }

    /** True when the gate found no text, so the recogniser was not run at all. */
    public boolean skipped() {
        return regions == 0;
    }

    /** All lines joined by newlines. */
    public String text() {
        return String.join("\n", lines.stream().map(TextLine::text).toList());
    }

    /** Mean confidence of the lines, weighted by their length; 0 without lines. */
    public float confidence() {
        double sum = 0;
        int chars = 0;
        for (TextLine l : lines) {
            sum += l.confidence() * l.text().length();
            chars += l.text().length();
        }
        return chars == 0 ? 0f : (float) (sum / chars);
    }
}
