package io.framewise.udfs.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tokenizers' native library loads in one classloader after another, as a TaskManager gives
 * each job (and each restart) a classloader of its own; with DJL's fixed extraction path the second
 * failed with "already loaded in another classloader".
 */
class TokenizerNativesITCase {

    @TempDir Path dir;

    @Test
    void everyClassloaderGetsAWorkingTokenizer() throws Exception {
        Path tokenizer = dir.resolve("tokenizer.json");
        try (InputStream in =
                getClass()
                        .getClassLoader()
                        .getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
            assertThat(in).as("the model's tokenizer on the test classpath").isNotNull();
            Files.copy(in, tokenizer);
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        for (int job = 0; job < 2; job++) {
            try (URLClassLoader loader =
                    new URLClassLoader(
                            urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
                Class<?> natives = Class.forName(TokenizerNatives.class.getName(), true, loader);
                Method load = natives.getDeclaredMethod("load");
                load.setAccessible(true);
                load.invoke(null);
                assertThat(tokenIds(loader, tokenizer)).as("job " + job).startsWith(101L);
                // ONNX Runtime extracts its library to a new directory each time: no fix needed,
                // but the job needs it as much.
                Class<?> ort = Class.forName("ai.onnxruntime.OrtEnvironment", true, loader);
                assertThat(ort.getMethod("getEnvironment").invoke(null)).isNotNull();
            }
        }
    }

    /** "[CLS] hello ..." through a tokenizer of {@code loader}'s own classes. */
    private static long[] tokenIds(ClassLoader loader, Path file) throws Exception {
        Class<?> type =
                Class.forName("ai.djl.huggingface.tokenizers.HuggingFaceTokenizer", true, loader);
        Object t = type.getMethod("newInstance", Path.class).invoke(null, file);
        try {
            Object encoding = type.getMethod("encode", String.class).invoke(t, "hello world");
            return (long[]) encoding.getClass().getMethod("getIds").invoke(encoding);
        } finally {
            type.getMethod("close").invoke(t);
        }
    }
}
