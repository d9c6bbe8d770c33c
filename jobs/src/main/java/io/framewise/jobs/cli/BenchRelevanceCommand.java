package io.framewise.jobs.cli;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.LocalElasticsearch;
import io.framewise.jobs.QueryEmbedders;
import io.framewise.jobs.bench.RelevanceBench;
import io.framewise.jobs.eval.Manifest;
import io.framewise.pipeline.job.VideoRef;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framewise bench relevance MANIFEST}: does a slide's text find its shot? */
@Command(
        name = "relevance",
        mixinStandardHelpOptions = true,
        description = {
            "Index the videos of a labelled corpus (manifest.json with the text shown in each"
                    + " shot, e.g. ../shared/testdata/reference/manifest.json) into Elasticsearch,"
                    + " then search each line of text shown in a shot (it should find that shot"
                    + " first) and a hand-written paraphrase of it (top 3), in every mode this build"
                    + " can run, text (BM25) being the baseline.",
            "Without --es a local Elasticsearch is started (and stopped)."
        })
final class BenchRelevanceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MANIFEST")
    Path manifest;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where the index job writes (default: a temporary directory).")
    Path out;

    @Mixin DetectorOptions options = new DetectorOptions();

    @Mixin ElasticsearchOptions es = new ElasticsearchOptions();

    @Option(names = "--json", description = "Print one JSON object on the last line.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    record Summary(List<RelevanceBench.Outcome> queries, List<ModeScore> modes) {}

    record ModeScore(
            String mode, int phrases, int phrasesFirst, int paraphrases, int paraphrasesTop3) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Properties settings = es.apply(options.properties());
        LocalElasticsearch local = null;
        if (!ElasticsearchConfig.configured(settings)) {
            w.println("Starting a local Elasticsearch ...");
            w.flush();
            local = LocalElasticsearch.start(LocalElasticsearch.DEFAULT_HEAP);
            settings.setProperty("es.url", local.url());
            settings.setProperty("es.replicas", "0");
        }
        settings.putIfAbsent("es.index-prefix", "relevance-");
        try {
            Manifest m = Manifest.read(manifest);
            List<VideoRef> refs = new ArrayList<>();
            for (Manifest.Entry e : m.videos()) {
                refs.add(VideoRef.of(m.dir().resolve(e.file())));
            }
            Path dir = out != null ? out : Files.createTempDirectory("framewise-relevance");
            IndexRunner.run(w, refs, dir, Runtime.getRuntime().availableProcessors(), settings);
            List<RelevanceBench.Outcome> outcomes =
                    RelevanceBench.run(
                            manifest,
                            ElasticsearchConfig.from(settings),
                            QueryEmbedders.fromSettings(settings));
            List<ModeScore> scores = new ArrayList<>();
            w.println();
            for (String mode :
                    outcomes.stream().map(RelevanceBench.Outcome::mode).distinct().toList()) {
                int phrases = 0;
                int first = 0;
                int paraphrases = 0;
                int top3 = 0;
                for (RelevanceBench.Outcome o : outcomes) {
                    if (!o.mode().equals(mode)) {
                        continue;
                    }
                    boolean phrase = o.kind().equals("phrase");
                    boolean ok = phrase ? o.rank() == 1 : o.rank() >= 1 && o.rank() <= 3;
                    if (phrase) {
                        phrases++;
                        first += ok ? 1 : 0;
                    } else {
                        paraphrases++;
                        top3 += ok ? 1 : 0;
                    }
                    if (!json) {
                        w.printf(
                                "%-6s %-10s %-20s shot %d  %-5s %s%n",
                                mode,
                                o.kind(),
                                o.file(),
                                o.shot(),
                                o.rank() == 0 ? "-" : "#" + o.rank(),
                                o.query());
                    }
                }
                scores.add(new ModeScore(mode, phrases, first, paraphrases, top3));
            }
            if (json) {
                w.println(Json.line(new Summary(outcomes, scores)));
            } else {
                w.println();
                for (ModeScore s : scores) {
                    w.printf(
                            "%-6s phrases found first %d/%d, paraphrases in the top 3 %d/%d%n",
                            s.mode(),
                            s.phrasesFirst(),
                            s.phrases(),
                            s.paraphrasesTop3(),
                            s.paraphrases());
                }
                if (QueryEmbedders.fromSettings(settings) == null) {
                    w.println("(text only: this build has no query embedder)");
                }
            }
            w.flush();
        } finally {
            if (local != null) {
                local.close();
            }
        }
        return 0;
    }
}
