package io.framewise.pipeline.frames;

import io.framewise.pipeline.shots.Rational;
import java.io.Serializable;

/**
 * A frame measured while a segment was decoded for shot detection, that may become a keyframe once
 * the shots are known: the best frame of its stretch of video, with its picture.
 *
 * <p>The picture travels as a JPEG at a high quality (it is read back once, and only if the frame
 * is chosen), which keeps a long video's candidates small enough for Flink's messages and state.
 *
 * @param pts presentation timestamp, in the video stream's time base
 * @param timeBase the video stream's time base, seconds per tick
 * @param quality the scores it is chosen by, measured on the picture before encoding
 * @param phash 64-bit perceptual hash of the picture, for near-duplicate checks
 * @param jpeg the picture, display orientation, at most {@code keyframes.max-width} wide
 * @param afterChange whether a change of content that could have been a cut (a caption or a slide's
 *     text replaced, a flash) lies between the segment's previous candidate and this one, or it is
 *     the segment's first (what came before is not known there): within a shot, what the picture
 *     shows may differ from there on
 */
public record FrameCandidate(
        long pts,
        Rational timeBase,
        KeyframeQuality quality,
        long phash,
        byte[] jpeg,
        boolean afterChange)
        implements Serializable {

    /** A candidate with no change of content before it. */
    public FrameCandidate(
            long pts, Rational timeBase, KeyframeQuality quality, long phash, byte[] jpeg) {
        this(pts, timeBase, quality, phash, jpeg, false);
    }
}
