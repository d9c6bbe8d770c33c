package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.video.PreviewMaker;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MakePreviewTest {

    /** The videos fetched and the names given to the maker, in order. */
    static final List<String> FETCHED = new CopyOnWriteArrayList<>();

    static final List<String> MADE = new CopyOnWriteArrayList<>();

    @TempDir Path dir;

    /** Fetches every video as one local file, and records which. */
    static final class RecordingFetcher implements VideoFetcher {
        private final Path file;

        RecordingFetcher(Path file) {
            this.file = file;
        }

        @Override
        public Path fetch(VideoRef video) {
            FETCHED.add(video.videoId());
            return file;
        }

        @Override
        public void close() {}
    }

    /** Writes a few bytes as the preview of every video it is given. */
    static final class RecordingMaker implements PreviewMaker {
        @Override
        public boolean make(Path video, String name, Path target) {
            MADE.add(name);
            try {
                Files.writeString(target, "preview of " + name);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return true;
        }

        @Override
        public void close() {}
    }

    private static VideoRow row(String id, String uri, String codec) {
        return new VideoRow(id, uri, 640, 360, 25, 250, 10_000, codec, 2, 3, 0, "ok", 0L, null);
    }

    @Test
    void onlyVideosBrowsersCannotPlayAreFetchedAgain() throws Exception {
        FETCHED.clear();
        MADE.clear();
        Path original = Files.writeString(dir.resolve("original"), "bytes");
        Path previews = dir.resolve("previews");
        String fetchedFile = original.toString();
        VideoFetcher.Factory fetchers = () -> new RecordingFetcher(Path.of(fetchedFile));
        try (var h =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new MakePreview(
                                fetchers, RecordingMaker::new, previews.toUri().toString()))) {
            h.processElement(row("talk", "s3://bucket/talk.mp4", "h264"), 0);
            h.processElement(row("clip", "file:///videos/clip.webm", "vp9"), 0);
            h.processElement(row("old", "s3://bucket/old.mkv", "mpeg4"), 0);
            h.processElement(row("mystery", "/videos/mystery.mp4", null), 0);
            h.processElement(row("hevc", "/videos/hevc.mp4", "hevc"), 0);
        }
        // H.264 in MP4 and VP9 in WebM play as they are: neither is downloaded again.
        assertThat(FETCHED).containsExactly("old", "mystery", "hevc");
        assertThat(MADE).containsExactly("old.mkv", "mystery.mp4", "hevc.mp4");
        assertThat(Files.readString(previews.resolve("old.mp4"), StandardCharsets.UTF_8))
                .isEqualTo("preview of old.mkv");
        assertThat(previews.resolve("talk.mp4")).doesNotExist();
    }
}
