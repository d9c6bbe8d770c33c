package io.framewise.pipeline.rows;

import java.io.Serializable;

/**
 * A row of the {@code failures} table: something that could not be processed, and why.
 *
 * @param videoId null when the input never became a video reference
 * @param stage where it failed, e.g. {@code plan}, {@code decode}, {@code keyframes}, {@code ocr}
 * @param code machine-readable reason, e.g. {@code truncated}
 * @param message one line for people
 * @param at epoch milliseconds (partition date)
 */
public record FailureRow(
        String videoId, String uri, String stage, String code, String message, long at)
        implements Serializable {}
