package io.framewise.pipeline.text;

import java.io.Serializable;

/** A rectangle on a picture, in pixels from the top-left corner. */
public record TextBox(int x, int y, int width, int height) implements Serializable {}
