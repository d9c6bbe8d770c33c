package io.framewise.jobs.cli;

import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.jobs.graph.LocalVideos;
import io.framewise.pipeline.metrics.JobCounts;
import io.framewise.pipeline.video.VideoRef;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Indexes local videos with the progress display and a summary (index, demo, bench relevance). */
final class IndexRunner {

    private IndexRunner() {}

    /**
     * Indexes {@code videos} into {@code out}; returns the final counters.
     *
     * @throws IllegalStateException when the job itself failed (videos failing is not that)
     */
    static JobCounts.Snapshot run(
            PrintWriter w, List<VideoRef> videos, Path out, int parallelism, FramewiseConfig config)
            throws Exception {
        Files.createDirectories(out);
        w.printf(
                "Indexing %d video(s) with parallelism %d into %s%n",
                videos.size(), parallelism, out);
        return JobRunner.run(
                w,
                new JobRunner.Run(
                        "framewise index",
                        new LocalVideos(videos),
                        videos.size(),
                        config,
                        out.toAbsolutePath().toString(),
                        parallelism,
                        null));
    }
}
