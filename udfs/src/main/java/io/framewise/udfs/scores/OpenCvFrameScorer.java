package io.framewise.udfs.scores;

import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.Picture;
import io.framewise.pipeline.scores.FrameScorer;
import io.framewise.pipeline.scores.FrameScores;
import io.framewise.pipeline.scores.ScoringConfig;
import io.framewise.pipeline.text.RecognizedText;
import io.framewise.udfs.frames.FrameQuality;
import io.framewise.udfs.frames.JavaCpp;

/**
 * The {@link FrameScorer}: exposure ({@link FrameQuality#exposure} of the keyframe's mean luma),
 * {@link Colourfulness}, {@link TextCoverage} of the text read on it, and faces ({@link
 * FaceDetector}, unless {@code scoring.faces=false}).
 *
 * <p>Runs on chosen keyframes only, the second and expensive stage: candidates are scored cheaply
 * (sharpness, brightness, contrast) when keyframes are chosen. One face classifier per instance;
 * open one per operator instance through {@link #factory} and close it.
 */
public final class OpenCvFrameScorer implements FrameScorer {

    private final FaceDetector faces;

    public OpenCvFrameScorer(ScoringConfig config) {
        JavaCpp.load(
                org.bytedeco.opencv.global.opencv_core.class,
                org.bytedeco.opencv.global.opencv_imgproc.class,
                org.bytedeco.opencv.global.opencv_objdetect.class);
        this.faces =
                config.faces()
                        ? new FaceDetector(config.faceCascade(), config.faceMinSize())
                        : null;
    }

    /** A serializable factory for operators. */
    public static FrameScorer.Factory factory(ScoringConfig config) {
        return () -> new OpenCvFrameScorer(config);
    }

    @Override
    public FrameScores score(Keyframe keyframe, RecognizedText text) {
        Picture picture = keyframe.image();
        if (picture == null) {
            throw new IllegalArgumentException("keyframe " + keyframe.frame() + " has no picture");
        }
        FaceDetector.Faces found =
                faces != null ? faces.detect(picture) : new FaceDetector.Faces(0, 0);
        return new FrameScores(
                FrameQuality.exposure(keyframe.quality().brightness()),
                Colourfulness.score(picture),
                TextCoverage.of(text, picture.width(), picture.height()),
                found.count(),
                found.largest());
    }

    @Override
    public void close() {
        if (faces != null) {
            faces.close();
        }
    }
}
