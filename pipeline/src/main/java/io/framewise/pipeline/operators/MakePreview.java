package io.framewise.pipeline.operators;

import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.video.BrowserFormats;
import io.framewise.pipeline.video.PreviewMaker;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the preview rendition of each video indexed ok whose original browsers cannot play, and
 * stores it at {@code root/{video_id}.mp4} (any file system Flink writes: a local directory, {@code
 * s3://}). Such a video is fetched again: a preview is made after its video is indexed, so that it
 * never delays the index, and a video that failed gets none. A video whose probed codec browsers
 * play is not fetched at all.
 *
 * <p>A preview is a convenience of the search page, not part of the index: a video whose preview
 * cannot be made is indexed all the same, so its failure is one WARN line and a counter, never a
 * failure row. It emits nothing.
 */
public final class MakePreview extends ProcessFunction<VideoRow, Void> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MakePreview.class);

    private final VideoFetcher.Factory fetchers;
    private final PreviewMaker.Factory makers;
    private final String root;

    private transient VideoFetcher fetcher;
    private transient PreviewMaker maker;
    private transient Counter made;
    private transient Counter failed;

    public MakePreview(VideoFetcher.Factory fetchers, PreviewMaker.Factory makers, String root) {
        this.fetchers = fetchers;
        this.makers = makers;
        this.root = root;
    }

    @Override
    public void open(OpenContext context) {
        fetcher = fetchers.create();
        maker = makers.create();
        FramewiseMetrics metrics = FramewiseMetrics.of(getRuntimeContext().getMetricGroup());
        made = metrics.counter(FramewiseMetrics.PREVIEWS_MADE);
        failed = metrics.counter(FramewiseMetrics.PREVIEW_FAILURES);
    }

    @Override
    public void processElement(VideoRow row, Context ctx, Collector<Void> out) {
        VideoRef video = new VideoRef(row.videoId(), row.uri());
        if (playsAsItIs(row, video)) {
            // Most videos: fetching them again (a download, from object storage) only to open them
            // and find that browsers play them would cost more than the whole preview branch.
            return;
        }
        Path preview = null;
        try {
            Path local = fetcher.fetch(video);
            preview = Files.createTempFile("framewise-preview-", ".mp4");
            if (maker.make(local, fileName(video), preview)) {
                store(preview, video.videoId());
                made.inc();
            }
        } catch (VideoException | IOException e) {
            LOG.warn("no preview of {}: {}", video.uri(), e.getMessage());
            failed.inc();
        } finally {
            if (preview != null) {
                try {
                    Files.deleteIfExists(preview);
                } catch (IOException e) {
                    LOG.debug("temporary preview {} not deleted", preview, e);
                }
            }
        }
    }

    /**
     * Whether browsers play the original, by the codec the decoder probed when the video was
     * indexed; a video of unknown codec is fetched and the maker decides.
     */
    static boolean playsAsItIs(VideoRow row, VideoRef video) {
        return row.codec() != null
                && !row.codec().isBlank()
                && BrowserFormats.mediaType(fileName(video), row.codec()) != null;
    }

    /** The file name of the video's URI: its extension says the container. */
    static String fileName(VideoRef video) {
        String path = video.isLocal() ? video.path().toString() : URI.create(video.uri()).getPath();
        return path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    }

    private void store(Path preview, String videoId) throws IOException {
        org.apache.flink.core.fs.Path target =
                new org.apache.flink.core.fs.Path(root, videoId + ".mp4");
        try (OutputStream os =
                target.getFileSystem().create(target, FileSystem.WriteMode.OVERWRITE)) {
            Files.copy(preview, os);
        }
    }

    @Override
    public void close() {
        if (fetcher != null) {
            fetcher.close();
        }
        if (maker != null) {
            maker.close();
        }
    }
}
