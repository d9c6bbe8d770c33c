package io.framewise.pipeline.shots;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything the shot detector found in one video.
 *
 * @param pts the presentation timestamp of every frame, in frame order (in the stream's time base),
 *     so that later passes over the file find frames by timestamp wherever they start decoding
 */
public record ShotDetection(
        VideoInfo info,
        List<HardCut> cuts,
        List<GradualTransition> gradual,
        List<Shot> shots,
        long[] pts)
        implements Serializable {

    public ShotDetection {
        cuts = List.copyOf(cuts);
        gradual = List.copyOf(gradual);
        shots = List.copyOf(shots);
        Objects.requireNonNull(pts, "pts");
    }

    /** The number of the frame shown at {@code timestamp}, or -1 when no frame is. */
    public long frameAt(long timestamp) {
        int i = Arrays.binarySearch(pts, timestamp);
        return i < 0 ? -1 : i;
    }

    // Arrays compare by content, so that two detections of the same video are equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof ShotDetection d
                && info.equals(d.info)
                && cuts.equals(d.cuts)
                && gradual.equals(d.gradual)
                && shots.equals(d.shots)
                && Arrays.equals(pts, d.pts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(info, cuts, gradual, shots, Arrays.hashCode(pts));
    }

    @Override
    public String toString() {
        return "ShotDetection[info="
                + info
                + ", cuts="
                + cuts
                + ", gradual="
                + gradual
                + ", shots="
                + shots
                + ", pts="
                + pts.length
                + " frames]";
    }
}
