package io.framewise.jobs.cli;

import io.framewise.pipeline.video.VideoRef;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framewise index}: runs the indexing job over local videos on a MiniCluster. */
@Command(
        name = "index",
        mixinStandardHelpOptions = true,
        description = {
            "Index videos: shots, keyframes (JPEGs), text on screen, and the Parquet tables"
                    + " videos, shots, frames, texts and failures under OUT; with --llm, keyframe"
                    + " descriptions by a vision LLM too (and the llm_calls table); with --es, the"
                    + " search indices in Elasticsearch as well.",
            "PATH: video files, directories (searched recursively for video extensions) or"
                    + " file:// URIs. Exit status 0 when the job finished, even if some videos"
                    + " failed (they are rows in OUT/failures); 1 when the job itself failed."
        })
final class IndexCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Videos or directories.")
    List<String> paths;

    @Option(
            names = "--out",
            defaultValue = "framewise-data",
            paramLabel = "DIR",
            description = "Output directory (default: ./framewise-data).")
    Path out;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallel subtasks (default: one per core).")
    Integer parallelism;

    @Mixin DetectorOptions options = new DetectorOptions();

    @Mixin LlmOptions llm = new LlmOptions();
    @Mixin ElasticsearchOptions es = new ElasticsearchOptions();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        List<VideoRef> videos = VideoInputs.of(paths);
        if (videos.isEmpty()) {
            spec.commandLine().getErr().println("framewise: no videos found in " + paths);
            return 1;
        }
        int n = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
        IndexRunner.run(w, videos, out, n, options.config(llm.settings(), es.settings()));
        return 0;
    }
}
