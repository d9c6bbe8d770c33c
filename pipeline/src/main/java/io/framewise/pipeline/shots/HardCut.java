package io.framewise.pipeline.shots;

import java.io.Serializable;

/**
 * An abrupt shot change: {@code frame} is the first frame of the new shot.
 *
 * @param frame zero-based frame number in presentation order
 * @param ms presentation time of that frame, start offset removed
 * @param timecode SMPTE timecode of that frame at the nominal rate
 */
public record HardCut(long frame, long ms, String timecode) implements Serializable {}
