package io.framewise.dev.eval;

import java.util.List;

/**
 * The labelled boundaries of one video.
 *
 * @param cuts first frames of shots entered by a hard cut
 * @param gradual {@code [first, last]} frames of each gradual transition
 * @param noCut frames where a reported cut is a false positive (flashes)
 */
public record Labels(List<Integer> cuts, List<int[]> gradual, List<Integer> noCut) {

    public Labels {
        cuts = List.copyOf(cuts);
        gradual = List.copyOf(gradual);
        noCut = List.copyOf(noCut);
    }
}
