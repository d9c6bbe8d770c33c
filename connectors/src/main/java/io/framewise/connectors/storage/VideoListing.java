package io.framewise.connectors.storage;

import io.framewise.connectors.source.Incoming;
import io.framewise.connectors.source.SourceConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;

/**
 * The backfill source: the videos under object-storage prefixes ({@code s3://bucket/prefix}) or
 * local directories ({@code file:///videos}), listed through Flink's file systems. Usage:
 *
 * <pre>{@code
 * FileSource<Incoming> listing = VideoListing.source(List.of(URI.create("s3://videos/2023/")), config);
 * env.fromSource(listing, EventTime.watermarks(...), "video listing");
 * }</pre>
 *
 * <p>Flink's file source keeps the listing in its checkpoints: the videos not yet handed out and,
 * per reader, whether its current video went out. A restored job goes on where it stopped and lists
 * nothing twice. The listing runs once, on the JobManager, when the job starts.
 */
public final class VideoListing {

    private VideoListing() {}

    /** A bounded source of the videos under {@code roots}. */
    public static FileSource<Incoming> source(List<URI> roots, SourceConfig config) {
        return builder(roots, config).build();
    }

    /** An unbounded source that lists {@code roots} again every {@code interval} for new videos. */
    public static FileSource<Incoming> watching(
            List<URI> roots, SourceConfig config, Duration interval) {
        return builder(roots, config).monitorContinuously(interval).build();
    }

    private static FileSource.FileSourceBuilder<Incoming> builder(
            List<URI> roots, SourceConfig config) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("a listing needs at least one prefix");
        }
        Path[] paths = roots.stream().map(VideoListing::path).toArray(Path[]::new);
        return FileSource.forBulkFileFormat(new ListedVideoFormat(), paths)
                .setFileEnumerator(() -> new VideoFileEnumerator(config));
    }

    private static Path path(URI root) {
        if (root.getScheme() == null) {
            throw new IllegalArgumentException(
                    "a prefix needs a scheme, such as s3://bucket/prefix or file:///videos, got "
                            + root);
        }
        return new Path(root);
    }
}
