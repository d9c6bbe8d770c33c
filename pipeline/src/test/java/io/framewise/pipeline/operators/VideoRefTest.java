package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class VideoRefTest {

    @Test
    void aLocalFileHasOneIdWhicheverWayItIsNamed() {
        VideoRef byPath = VideoRef.of(Path.of("/videos/Talk 01.MP4"));
        assertThat(byPath.uri()).isEqualTo("file:///videos/Talk%2001.MP4");
        assertThat(byPath.videoId()).matches("talk-01-[0-9a-f]{8}");
        assertThat(VideoRef.of(URI.create("file:/videos/Talk%2001.MP4"))).isEqualTo(byPath);
        assertThat(VideoRef.of(URI.create("file:///videos/Talk%2001.MP4"))).isEqualTo(byPath);
        assertThat(byPath.isLocal()).isTrue();
        assertThat(byPath.path()).isEqualTo(Path.of("/videos/Talk 01.MP4"));
        assertThat(byPath.org()).isNull();
        assertThat(byPath.receivedAt()).isZero();
    }

    @Test
    void objectsAreNamedByTheirKeyAndUri() {
        VideoRef a = VideoRef.of(URI.create("s3://videos/2024/a.mp4"));
        VideoRef b = VideoRef.of(URI.create("s3://videos/2025/a.mp4"));
        assertThat(a.videoId()).startsWith("a-").isNotEqualTo(b.videoId());
        assertThat(a.uri()).isEqualTo("s3://videos/2024/a.mp4");
        assertThat(a.isLocal()).isFalse();
        VideoRef longName = VideoRef.of(URI.create("s3://v/" + "x".repeat(200) + ".mkv"));
        assertThat(longName.videoId()).hasSizeLessThanOrEqualTo(60 + 9);
        assertThat(VideoRef.of(URI.create("s3://v/%2E%2E.mp4")).videoId()).startsWith("video-");
        assertThat(a.with("acme", 42L))
                .extracting(VideoRef::org, VideoRef::receivedAt, VideoRef::videoId)
                .containsExactly("acme", 42L, a.videoId());
    }

    @Test
    void theLocalFetcherReadsLocalFilesOnly() throws Exception {
        try (VideoFetcher local = VideoFetcher.localFiles().create()) {
            VideoRef file = VideoRef.of(Path.of("/videos/a.mp4"));
            assertThat(local.fetch(file)).isEqualTo(Path.of("/videos/a.mp4"));
            assertThatThrownBy(() -> local.fetch(VideoRef.of(URI.create("s3://v/a.mp4"))))
                    .isInstanceOf(VideoException.class)
                    .satisfies(
                            e ->
                                    assertThat(((VideoException) e).codeName())
                                            .isEqualTo("uri_rejected"));
        }
    }
}
