package io.framewise.pipeline.aggregate;

import java.io.Serializable;
import java.util.List;

/**
 * One cluster of shots found in a window.
 *
 * @param centroid the mean of its members' clustering vectors
 * @param members indexes into the list of shots that was clustered, nearest to the centroid first
 * @param distances each member's distance to the centroid, in the order of {@code members}
 * @param topTerms the words that most set its members' texts apart from the window's other shots
 * @param representatives keyframes of the members nearest to the centroid, one per shot
 */
public record ShotCluster(
        float[] centroid,
        int[] members,
        double[] distances,
        List<String> topTerms,
        List<String> representatives)
        implements Serializable {

    public int size() {
        return members.length;
    }
}
