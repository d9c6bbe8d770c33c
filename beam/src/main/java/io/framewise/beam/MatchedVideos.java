package io.framewise.beam;

import io.framewise.connectors.source.SourceConfig;
import io.framewise.pipeline.video.VideoRef;
import java.net.URI;
import java.nio.file.Path;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * The files a match found, as the videos the Flink backfill's listing takes: names with one of the
 * configured video extensions ({@code sources.video-extensions}), hidden files and directories
 * ({@code .x}, {@code _x}) below the prefix skipped, each with the id {@link VideoRef#of} gives the
 * same file in the Flink job.
 */
final class MatchedVideos extends DoFn<MatchResult.Metadata, VideoRef> {

    private final SourceConfig sources;
    private final String prefix;

    /**
     * @param prefix the input prefix, as matched: only the path below it is checked for hidden
     *     parts
     */
    MatchedVideos(SourceConfig sources, String prefix) {
        this.sources = sources;
        this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    }

    @ProcessElement
    public void process(@Element MatchResult.Metadata file, OutputReceiver<VideoRef> out) {
        String name = file.resourceId().toString();
        String below = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
        for (String part : below.split("/")) {
            if (part.startsWith(".") || part.startsWith("_")) {
                return;
            }
        }
        if (sources.looksLikeVideo(file.resourceId().getFilename())) {
            out.output(ref(name));
        }
    }

    /** A local path as the Flink job names it ({@code file:///abs}); other URIs as they are. */
    static VideoRef ref(String name) {
        return name.contains("://") ? VideoRef.of(URI.create(name)) : VideoRef.of(Path.of(name));
    }
}
