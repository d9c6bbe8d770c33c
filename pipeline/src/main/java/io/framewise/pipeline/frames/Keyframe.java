package io.framewise.pipeline.frames;

import java.io.Serializable;

/**
 * A frame chosen to represent (part of) a shot.
 *
 * @param videoId the video's id
 * @param shot index of the shot it represents
 * @param frame frame number in presentation order
 * @param ms presentation time
 * @param timecode SMPTE timecode at the nominal rate
 * @param phash 64-bit perceptual hash (DCT of the 32x32 luma), for near-duplicate checks
 * @param quality the scores it was chosen by
 * @param image the picture, BGR, downscaled to the configured maximum width
 * @param motion how much the picture moves around it, 0-1 ({@code ShotDetection#motionAround})
 */
public record Keyframe(
        String videoId,
        int shot,
        long frame,
        long ms,
        String timecode,
        long phash,
        KeyframeQuality quality,
        Picture image,
        double motion)
        implements Serializable {

    /** This keyframe with {@code picture} for its image (null: without pixels). */
    public Keyframe withImage(Picture picture) {
        return new Keyframe(videoId, shot, frame, ms, timecode, phash, quality, picture, motion);
    }
}
