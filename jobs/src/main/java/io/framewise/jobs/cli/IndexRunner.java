package io.framewise.jobs.cli;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.SearchIndex;
import io.framewise.jobs.LocalIndexRun;
import io.framewise.jobs.SearchSinks;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.metrics.JobCounts;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.video.VideoRef;
import io.framewise.udfs.enrich.OpenAiFrameDescriber;
import io.framewise.udfs.speech.OpenAiTranscriber;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;

/** Runs the indexing job locally with a progress display and a summary (index and demo). */
final class IndexRunner {

    private IndexRunner() {}

    /**
     * Indexes {@code videos} into {@code out}; returns the final counters.
     *
     * @throws IllegalStateException when the job itself failed (videos failing is not that)
     */
    static JobCounts.Snapshot run(
            PrintWriter w, List<VideoRef> videos, Path out, int parallelism, Properties settings)
            throws Exception {
        Files.createDirectories(out);
        w.printf(
                "Indexing %d video(s) with parallelism %d into %s%n",
                videos.size(), parallelism, out);
        LlmConfig llm = LlmConfig.from(settings);
        if (llm.enabled()) {
            w.printf(
                    "Describing keyframes with %s at %s, %s%n",
                    llm.model(), llm.url(), OpenAiFrameDescriber.apiKeySource(llm));
        }
        SpeechConfig speech = SpeechConfig.from(settings);
        if (speech.enabled()) {
            w.printf(
                    "Transcribing speech with %s at %s, %s%n",
                    speech.model(), speech.url(), OpenAiTranscriber.apiKeySource(speech));
        }
        w.flush();
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        JobClient client = LocalIndexRun.start(videos, out.toAbsolutePath(), parallelism, settings);
        CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
        Progress progress = new Progress(w, videos.size(), System.console() != null);
        LiveCounts live = new LiveCounts(client);
        // The local MiniCluster goes away with its job, so wait on the result, not the status.
        while (!result.isDone()) {
            progress.show(live.now(), start);
            Thread.sleep(250);
        }
        JobExecutionResult done;
        try {
            done = result.get();
        } catch (ExecutionException e) {
            progress.finish(live.now(), start);
            throw new IllegalStateException("the job failed: " + rootCause(e));
        }
        JobCounts.Snapshot s =
                LiveCounts.of(done).withFailures(LiveCounts.failureRows(out, startMillis));
        progress.finish(s, start);
        boolean described = llm.enabled();
        summary(
                w,
                s,
                videos.size(),
                (System.nanoTime() - start) / 1e9,
                out,
                described,
                speech.enabled());
        if (ElasticsearchConfig.configured(settings)) {
            searchSummary(w, ElasticsearchConfig.from(settings));
        }
        return s;
    }

    static void summary(
            PrintWriter w,
            JobCounts.Snapshot s,
            int total,
            double seconds,
            Path out,
            boolean described) {
        summary(w, s, total, seconds, out, described, false);
    }

    static void summary(
            PrintWriter w,
            JobCounts.Snapshot s,
            int total,
            double seconds,
            Path out,
            boolean described,
            boolean transcribed) {
        w.println();
        if (total >= 0) {
            w.printf("%-22s %d%n", "videos", total);
        }
        w.printf("%-22s %d%n", "  indexed", s.videosDone());
        w.printf("%-22s %d%n", "  failed", s.videosFailed());
        w.printf("%-22s %d%n", "frames decoded", s.frames());
        w.printf("%-22s %d%n", "shots", s.shots());
        w.printf("%-22s %d%n", "keyframes", s.keyframes());
        if (described) {
            w.printf(
                    "%-22s %d (%d from the cache)%n",
                    "  described", s.described(), s.describedFromCache());
        }
        w.printf("%-22s %d%n", "failure rows", s.failures());
        w.printf(
                "%-22s %.1f s (%.0f frames/s)%n",
                "time", seconds, s.frames() / Math.max(seconds, 1e-3));
        Path abs = out.toAbsolutePath();
        w.printf(
                "%ntables:    %s/{videos,shots,scenes,frames,texts,clusters,cluster_members,failures%s}/dt=*/"
                        + " (Parquet)%n",
                abs,
                (described ? ",llm_calls" : "") + (transcribed ? ",transcripts,speech_calls" : ""));
        w.printf("keyframes: %s/keyframes/{video_id}/{shot}-{frame}.jpg%n", abs);
        w.printf(
                "query:     duckdb -c \"select * from read_parquet('%s/videos/*/*.parquet')\"%n",
                abs);
        w.flush();
    }

    /** What the indices hold now (documents of earlier runs included). */
    private static void searchSummary(PrintWriter w, ElasticsearchConfig es) throws Exception {
        Map<SearchIndex, Long> counts = SearchSinks.counts(es);
        w.printf(
                "search:    %s  %s: %d, %s: %d, %s: %d documents%n",
                es.url(),
                SearchIndex.VIDEOS.alias(es),
                counts.get(SearchIndex.VIDEOS),
                SearchIndex.SHOTS.alias(es),
                counts.get(SearchIndex.SHOTS),
                SearchIndex.FRAMES.alias(es),
                counts.get(SearchIndex.FRAMES));
        w.flush();
    }

    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
