package io.framewise.udfs.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves the model files of the configuration: {@code classpath:NAME} (a resource, such as the
 * {@code .onnx} and {@code tokenizer.json} at the root of a model artifact on the classpath) or a
 * path.
 *
 * <p>Model runtimes read files, so a resource is copied once per JVM to a temporary directory,
 * under a lock, and deleted when the JVM exits. Nothing is ever downloaded.
 */
public final class ModelFiles {

    /** The prefix of a classpath resource. */
    public static final String CLASSPATH = "classpath:";

    private static final Map<String, Path> COPIES = new HashMap<>();
    private static Path directory;

    private ModelFiles() {}

    /**
     * The file {@code spec} names.
     *
     * @param key the setting it came from, for the error message
     * @throws IllegalArgumentException naming {@code key} when there is no such resource or file
     */
    public static synchronized Path resolve(String spec, String key) {
        if (!spec.startsWith(CLASSPATH)) {
            Path file = Path.of(spec);
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException(key + ": no readable file at " + spec);
            }
            return file;
        }
        String resource = spec.substring(CLASSPATH.length());
        Path copy = COPIES.get(resource);
        if (copy != null && Files.isRegularFile(copy)) {
            return copy;
        }
        try (InputStream in = ModelFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(
                        key
                                + ": no resource '"
                                + resource
                                + "' on the classpath (is the model's artifact a dependency?)");
            }
            if (directory == null) {
                directory = Files.createTempDirectory("framewise-models");
                directory.toFile().deleteOnExit();
            }
            String name = Path.of(resource).getFileName().toString();
            Path file = directory.resolve(name);
            Path part = Files.createTempFile(directory, name, ".part");
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            COPIES.put(resource, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + spec + " to a temporary directory", e);
        }
    }
}
