package io.framewise.udfs.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;

/**
 * Resolves the model files of the configuration: {@code classpath:NAME} (a resource, such as the
 * {@code .onnx} and {@code tokenizer.json} at the root of a model artifact on the classpath) or a
 * path.
 *
 * <p>Model runtimes read files, so a resource inside a jar is extracted to a cache on disk and read
 * from there. The cache is kept across runs, one directory per content: named by the jar entry's
 * CRC-32 and size, which the jar's index holds, so a run finds its models without reading them and
 * a new model version gets a directory of its own. It lives in {@value #CACHE_PROPERTY}, else
 * {@code $XDG_CACHE_HOME/framewise/models} or {@code ~/.cache/framewise/models}; where none of
 * these can be written, in a temporary directory deleted when the JVM exits. Files are written
 * beside their place and moved in, so JVMs side by side never read half a model.
 *
 * <p>Why not a temporary copy per JVM, as before: every run inflated and wrote the 23 MB text model
 * again, and every JVM that was killed (a TaskManager, a test's forked JVM) left its copies behind:
 * 2.3 GB of them in {@code /tmp} after a day's CI runs on the development machine. A resource that
 * is a plain file (a classes directory) is used where it is. Nothing is ever downloaded.
 */
public final class ModelFiles {

    /** The prefix of a classpath resource. */
    public static final String CLASSPATH = "classpath:";

    /** A system property naming the cache directory. */
    public static final String CACHE_PROPERTY = "framewise.model-cache";

    /** How old a {@code .part} file must be to count as abandoned. */
    static final Duration ABANDONED = Duration.ofMinutes(10);

    private static Path fallback;

    private ModelFiles() {}

    /**
     * The file {@code spec} names.
     *
     * @param key the setting it came from, for the error message
     * @throws IllegalArgumentException naming {@code key} when there is no such resource or file
     */
    public static Path resolve(String spec, String key) {
        if (!spec.startsWith(CLASSPATH)) {
            Path file = Path.of(spec);
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException(key + ": no readable file at " + spec);
            }
            return file;
        }
        String resource = spec.substring(CLASSPATH.length());
        URL url = ModelFiles.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException(
                    key
                            + ": no resource '"
                            + resource
                            + "' on the classpath (is the model's artifact a dependency?)");
        }
        if ("file".equals(url.getProtocol())) {
            return fileOf(url);
        }
        Path directory = directory(List.of(url));
        return directory.resolve(fileName(url));
    }

    /**
     * A directory holding the resources at {@code urls}, each under its own file name: for a
     * runtime that reads a directory of models (Tesseract's {@code tessdata}).
     */
    public static Path directory(List<URL> urls) {
        List<Content> contents = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (URL url : urls) {
            Content content = Content.of(url);
            contents.add(content);
            keys.add(content.key());
        }
        Path directory = cache().resolve(String.join("+", keys));
        try {
            Files.createDirectories(directory);
            for (Content content : contents) {
                Path file = directory.resolve(fileName(content.url()));
                if (!Files.isRegularFile(file) || Files.size(file) != content.size()) {
                    removeAbandonedParts(directory);
                    extract(content.url(), file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + urls + " to " + directory, e);
        }
        return directory;
    }

    /**
     * Removes what extractions that were killed midway left ({@code .part} files older than {@link
     * #ABANDONED}); one that another JVM is writing now is younger.
     */
    private static void removeAbandonedParts(Path directory) throws IOException {
        long before = System.currentTimeMillis() - ABANDONED.toMillis();
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(directory, "*.part")) {
            for (Path part : parts) {
                if (Files.getLastModifiedTime(part).toMillis() < before) {
                    Files.deleteIfExists(part);
                }
            }
        }
    }

    /** Copies the resource at {@code url} to {@code file}, by way of a file beside it. */
    private static void extract(URL url, Path file) throws IOException {
        Path part = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
        try (InputStream in = url.openStream()) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(
                    part,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * A resource, its size and its content key: a jar entry's CRC-32 and size, from the jar's
     * index; a resource elsewhere (not in a jar) is keyed by its size and modification time.
     */
    private record Content(URL url, String key, long size) {

        static Content of(URL url) {
            try {
                if (url.openConnection() instanceof JarURLConnection jar) {
                    jar.setUseCaches(true);
                    JarEntry entry = jar.getJarEntry();
                    String key = String.format("%08x-%d", entry.getCrc(), entry.getSize());
                    return new Content(url, key, entry.getSize());
                }
                Path file = fileOf(url);
                long size = Files.size(file);
                String key =
                        String.format("%d-%d", size, Files.getLastModifiedTime(file).toMillis());
                return new Content(url, key, size);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + url, e);
            }
        }
    }

    private static String fileName(URL url) {
        String path = url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static Path fileOf(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a file: " + url, e);
        }
    }

    /** The cache directory, made if missing; a temporary one where none can be written. */
    static synchronized Path cache() {
        for (Path candidate : candidates()) {
            try {
                Files.createDirectories(candidate);
                if (Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)
                        && Files.isWritable(candidate)) {
                    return candidate;
                }
            } catch (IOException | SecurityException e) {
                // Not writable here (a read-only home, say): try the next place.
            }
        }
        if (fallback == null) {
            try {
                fallback = Files.createTempDirectory("framewise-models");
            } catch (IOException e) {
                throw new UncheckedIOException("no directory to extract models to", e);
            }
            deleteOnExit(fallback);
        }
        return fallback;
    }

    private static List<Path> candidates() {
        List<Path> places = new ArrayList<>();
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            places.add(Path.of(configured));
            return places;
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            places.add(Path.of(xdg, "framewise", "models"));
        }
        String home = System.getProperty("user.home");
        if (home != null && !home.isBlank() && !"?".equals(home)) {
            places.add(Path.of(home, ".cache", "framewise", "models"));
        }
        return places;
    }

    /** Deletes the temporary cache and what it holds when the JVM exits. */
    private static void deleteOnExit(Path directory) {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try (var walk = Files.walk(directory)) {
                                        walk.sorted(Comparator.reverseOrder())
                                                .forEach(p -> p.toFile().delete());
                                    } catch (IOException | UncheckedIOException e) {
                                        // Best effort, as the JVM exits.
                                    }
                                },
                                "framewise-models-cleanup"));
    }
}
