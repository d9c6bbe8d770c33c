package io.framewise.udfs.embed;

import ai.djl.huggingface.tokenizers.jni.LibUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Loads the Hugging Face tokenizers' native library once per classloader, from a copy of its own.
 *
 * <p>Why: DJL extracts the library to one fixed path ({@code ~/.djl.ai/tokenizers/...}) and the JVM
 * loads a library file into one classloader only. On a Flink TaskManager every job, and every
 * restart that drops the job's classloader, gets a new one, so the second job on a TaskManager
 * failed ("already loaded in another classloader"). Here the library is extracted into a fresh
 * directory for each classloader ({@code ENGINE_CACHE_DIR}, which DJL reads when its loader class
 * initialises) and the copy deleted once loaded: a loaded library no longer needs its file.
 */
final class TokenizerNatives {

    /** One lock for every classloader in the JVM: the system property is JVM-wide. */
    private static final Object LOCK = "io.framewise.udfs.embed.TokenizerNatives".intern();

    private static final String CACHE_DIR = "ENGINE_CACHE_DIR";

    private static boolean loaded;

    private TokenizerNatives() {}

    /** Loads the library for this classloader, if not done yet. */
    static void load() {
        synchronized (LOCK) {
            if (loaded) {
                return;
            }
            Path dir;
            try {
                dir = Files.createTempDirectory("framewise-tokenizers-");
            } catch (IOException e) {
                throw new UncheckedIOException("no temporary directory for the tokenizers", e);
            }
            String before = System.getProperty(CACHE_DIR);
            System.setProperty(CACHE_DIR, dir.toString());
            try {
                LibUtils.checkStatus(); // initialises the class, which loads the library
                loaded = true;
            } finally {
                if (before == null) {
                    System.clearProperty(CACHE_DIR);
                } else {
                    System.setProperty(CACHE_DIR, before);
                }
                deleteQuietly(dir);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary copy left behind is harmless.
        }
    }
}
