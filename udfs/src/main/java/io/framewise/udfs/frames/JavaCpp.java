package io.framewise.udfs.frames;

/**
 * Initialises JavaCPP's {@code Pointer} class before any preset (FFmpeg, OpenCV, Tesseract) loads
 * its natives.
 *
 * <p>Why: a preset's static initialiser loads its library while holding {@code Loader}'s lock, and
 * the library's {@code JNI_OnLoad} needs {@code Pointer} initialised; {@code Pointer}'s own
 * initialiser needs {@code Loader}'s lock. Two operators opening different engines at once (say
 * keyframe extraction and OCR, on two subtasks of one TaskManager) could each hold what the other
 * waits for, and the job hung in {@code open()}. With {@code Pointer} initialised first, and
 * outside any lock of ours, no thread holds {@code Loader}'s lock while it waits for it.
 */
public final class JavaCpp {

    private JavaCpp() {}

    /** Call first in every engine that touches a JavaCPP preset. */
    public static void initialise() {
        try {
            Class.forName("org.bytedeco.javacpp.Pointer", true, JavaCpp.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("JavaCPP is not on the classpath", e);
        }
    }
}
