package io.framewise.udfs.frames;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.javacpp.Loader;

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

    /**
     * {@link #initialise()}, then loads the natives of {@code presets} on a thread of their own,
     * waiting for it however often the caller is interrupted.
     *
     * <p>Why: the load takes a file lock on JavaCPP's cache, and an interrupt (Flink cancelling the
     * task, say because another task failed) makes it fail. Inside a class initialiser that failure
     * is final: the class stays unusable in that classloader, which a TaskManager keeps across the
     * job's restarts, so every restart failed again ("Could not initialize class").
     */
    public static void load(Class<?>... presets) {
        initialise();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread loader =
                new Thread(
                        () -> {
                            try {
                                for (Class<?> preset : presets) {
                                    Loader.load(preset);
                                }
                            } catch (Throwable t) {
                                failure.set(t);
                            }
                        },
                        "javacpp-load");
        loader.setDaemon(true);
        loader.start();
        boolean interrupted = false;
        while (loader.isAlive()) {
            try {
                loader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException("could not load " + List.of(presets) + ": " + t, t);
        }
    }
}
