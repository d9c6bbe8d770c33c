package io.framewise.jobs.cli;

import io.framewise.pipeline.video.VideoRef;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns command-line arguments into the videos to index: files as given (whatever their name, so
 * that a broken file becomes a failure row), directories searched recursively for video file
 * extensions, and {@code file://} URIs.
 */
final class VideoInputs {

    static final Set<String> EXTENSIONS =
            Set.of(
                    "mp4", "m4v", "mov", "mkv", "webm", "avi", "ts", "mts", "m2ts", "mpg", "mpeg",
                    "flv", "wmv", "3gp", "ogv");

    private VideoInputs() {}

    static List<VideoRef> of(List<String> args) throws IOException {
        Map<String, VideoRef> refs = new LinkedHashMap<>();
        for (String arg : args) {
            Path path = arg.startsWith("file:") ? Path.of(URI.create(arg)) : Path.of(arg);
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(VideoInputs::looksLikeVideo)
                            .sorted()
                            .forEach(p -> add(refs, p));
                }
            } else {
                add(refs, path);
            }
        }
        return new ArrayList<>(refs.values());
    }

    private static void add(Map<String, VideoRef> refs, Path path) {
        VideoRef ref = VideoRef.of(path);
        refs.putIfAbsent(ref.videoId(), ref);
    }

    private static boolean looksLikeVideo(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
