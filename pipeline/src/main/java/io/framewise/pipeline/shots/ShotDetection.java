package io.framewise.pipeline.shots;

import java.io.Serializable;
import java.util.List;

/** Everything the shot detector found in one video. */
public record ShotDetection(
        VideoInfo info, List<HardCut> cuts, List<GradualTransition> gradual, List<Shot> shots)
        implements Serializable {

    public ShotDetection {
        cuts = List.copyOf(cuts);
        gradual = List.copyOf(gradual);
        shots = List.copyOf(shots);
    }
}
