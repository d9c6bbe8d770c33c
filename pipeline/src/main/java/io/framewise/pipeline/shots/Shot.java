package io.framewise.pipeline.shots;

import java.io.Serializable;

/**
 * One continuous take, frames {@code firstFrame..lastFrame} inclusive. Shots tile the video.
 *
 * @param index zero-based position in the video
 * @param startMs presentation time of the first frame
 * @param endMs presentation time at which the next shot starts (the video's end for the last)
 */
public record Shot(int index, long firstFrame, long lastFrame, long startMs, long endMs)
        implements Serializable {}
