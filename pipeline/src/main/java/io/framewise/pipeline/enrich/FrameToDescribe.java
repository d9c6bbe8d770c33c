package io.framewise.pipeline.enrich;

import java.io.Serializable;

/**
 * One keyframe to describe.
 *
 * @param videoId the video, for grouping frames of one shot into a batch
 * @param shot the shot index, for the same
 * @param frame the frame number
 * @param jpeg the picture as a JPEG file, already downscaled for the LLM
 * @param ocrText the text read on the frame by OCR, or null; given to the model as data only
 */
public record FrameToDescribe(String videoId, int shot, long frame, byte[] jpeg, String ocrText)
        implements Serializable {}
