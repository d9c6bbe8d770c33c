package io.framewise.testkit.samples;

import java.util.List;

/**
 * A sample video and its ground truth, in the shape of the reference corpus's manifest entries.
 *
 * @param file file name, relative to the manifest
 * @param cuts first frame of each shot entered by a hard cut
 * @param gradual {@code [first, last]} frames of each dissolve or fade
 * @param noCut frames where something sudden happens that is not a cut (flashes)
 * @param shots each shot's first frame and the text drawn in it
 */
public record LabelledVideo(
        String file,
        int width,
        int height,
        double fps,
        int frames,
        List<Integer> cuts,
        List<int[]> gradual,
        List<Integer> noCut,
        List<ShotText> shots) {

    /** A shot's first frame and its on-screen text. */
    public record ShotText(int firstFrame, List<String> text) {}
}
