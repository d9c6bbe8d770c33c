package io.framewise.pipeline.text;

import java.io.Serializable;

/**
 * One recognised line of text.
 *
 * @param text the words, single-spaced, trimmed
 * @param confidence 0-1
 * @param box where it is on the picture
 */
public record TextLine(String text, float confidence, TextBox box) implements Serializable {}
