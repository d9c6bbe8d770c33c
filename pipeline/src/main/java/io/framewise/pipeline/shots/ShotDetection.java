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
 * @param change how much each frame differs from the one before it, 0-1, where 1 is as much as the
 *     weakest hard cut the detector accepts ({@code shots.cut.min-distance}); 0 for the first frame
 */
public record ShotDetection(
        VideoInfo info,
        List<HardCut> cuts,
        List<GradualTransition> gradual,
        List<Shot> shots,
        long[] pts,
        float[] change)
        implements Serializable {

    public ShotDetection {
        cuts = List.copyOf(cuts);
        gradual = List.copyOf(gradual);
        shots = List.copyOf(shots);
        Objects.requireNonNull(pts, "pts");
        if (change.length != pts.length) {
            throw new IllegalArgumentException("one change value per frame expected");
        }
    }

    /**
     * How much the picture moves around {@code frame}, 0-1: the mean {@link #change} of the frames
     * within {@code radius} of it that belong to its shot, less the shot's first frame (whose
     * change is the cut into it). 0 for a still picture, 1 when every frame changes as much as a
     * cut.
     */
    public double motionAround(Shot shot, long frame, int radius) {
        long from = Math.max(shot.firstFrame() + 1, frame - radius);
        long to = Math.min(shot.lastFrame(), frame + radius);
        double sum = 0;
        int n = 0;
        for (long f = from; f <= to; f++) {
            sum += change[(int) f];
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    /**
     * This detection without its per-frame arrays, for the messages that follow keyframe
     * extraction: they are the only part that grows with the video's length, and every keyframe's
     * message carries the detection.
     */
    public ShotDetection withoutFrames() {
        return new ShotDetection(info, cuts, gradual, shots, new long[0], new float[0]);
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
                && Arrays.equals(pts, d.pts)
                && Arrays.equals(change, d.change);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                info, cuts, gradual, shots, Arrays.hashCode(pts), Arrays.hashCode(change));
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
