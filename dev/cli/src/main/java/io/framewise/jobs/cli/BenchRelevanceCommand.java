package io.framewise.jobs.cli;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.dev.bench.RelevanceBench;
import io.framewise.dev.eval.Manifest;
import io.framewise.jobs.QueryEmbedders;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.pipeline.video.VideoRef;
import io.framewise.search.SearchService;
import io.framewise.testkit.elasticsearch.LocalElasticsearch;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
                    + " first) and a hand-written paraphrase of it (top 3), and words shown nowhere"
                    + " (nothing should be found), in every mode this build can run, text (BM25)"
                    + " being the baseline; each with its precision at 5. The queries run twice:"
                    + " without the meaning side's relevance floor, then with"
                    + " search.min-similarity (default 0.27).",
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

    /**
     * One mode's figures at one relevance floor ({@code -1}: none): phrases found first,
     * paraphrases in the top 3, real queries (phrases and paraphrases) found in the first {@link
     * RelevanceBench#DEPTH} at all, nonsense queries that found nothing, and the mean precision at
     * 5 of the real queries.
     */
    record ModeScore(
            String mode,
            double floor,
            int phrases,
            int phrasesFirst,
            int paraphrases,
            int paraphrasesTop3,
            int realFound,
            int nonsense,
            int nonsenseEmpty,
            double precisionAt5) {}

    private static ModeScore score(String mode, double floor, List<RelevanceBench.Outcome> run) {
        int phrases = 0;
        int first = 0;
        int paraphrases = 0;
        int top3 = 0;
        int found = 0;
        int nonsense = 0;
        int empty = 0;
        double precision = 0;
        for (RelevanceBench.Outcome o : run) {
            if (!o.mode().equals(mode)) {
                continue;
            }
            if (o.kind().equals("nonsense")) {
                nonsense++;
                empty += o.returned() == 0 ? 1 : 0;
                continue;
            }
            if (o.kind().equals("phrase")) {
                phrases++;
                first += o.rank() == 1 ? 1 : 0;
            } else {
                paraphrases++;
                top3 += o.rank() >= 1 && o.rank() <= 3 ? 1 : 0;
            }
            found += o.rank() >= 1 ? 1 : 0;
            precision += o.precisionAt5();
        }
        int real = phrases + paraphrases;
        return new ModeScore(
                mode,
                floor,
                phrases,
                first,
                paraphrases,
                top3,
                found,
                nonsense,
                empty,
                real == 0 ? 0 : precision / real);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Properties settings =
                options.sources(es.settings())
                        .withFallbacks(Map.of("es.index-prefix", "relevance-"))
                        .properties();
        LocalElasticsearch local = null;
        if (!ElasticsearchConfig.configured(settings)) {
            w.println("Starting a local Elasticsearch ...");
            w.flush();
            local = LocalElasticsearch.start(LocalElasticsearch.DEFAULT_HEAP);
            settings.setProperty("es.url", local.url());
            settings.setProperty("es.replicas", "0");
        }
        FramewiseConfig config = FramewiseConfig.parse(settings);
        try {
            Manifest m = Manifest.read(manifest);
            List<VideoRef> refs = new ArrayList<>();
            for (Manifest.Entry e : m.videos()) {
                refs.add(VideoRef.of(m.dir().resolve(e.file())));
            }
            Path dir = out != null ? out : Files.createTempDirectory("framewise-relevance");
            IndexRunner.run(w, refs, dir, Runtime.getRuntime().availableProcessors(), config);
            double floor = SearchService.minSimilarity(settings);
            List<RelevanceBench.Outcome> outcomes = new ArrayList<>();
            List<ModeScore> scores = new ArrayList<>();
            for (double f : new double[] {-1, floor}) {
                List<RelevanceBench.Outcome> run =
                        RelevanceBench.run(manifest, config.es(), QueryEmbedders.of(config), f);
                outcomes.addAll(run);
                for (String mode :
                        run.stream().map(RelevanceBench.Outcome::mode).distinct().toList()) {
                    scores.add(score(mode, f, run));
                }
                if (!json) {
                    w.printf("%nrelevance floor %s:%n", f <= -1 ? "none" : Double.toString(f));
                    for (RelevanceBench.Outcome o : run) {
                        w.printf(
                                "%-6s %-10s %-20s shot %2d  %-5s %2d found  p@5 %.2f  %s%n",
                                o.mode(),
                                o.kind(),
                                o.file(),
                                o.shot(),
                                o.rank() == 0 ? "-" : "#" + o.rank(),
                                o.returned(),
                                o.precisionAt5(),
                                o.query());
                    }
                }
            }
            if (json) {
                w.println(Json.line(new Summary(outcomes, scores)));
            } else {
                w.println();
                for (ModeScore s : scores) {
                    w.printf(
                            "%-6s floor %-4s phrases first %d/%d, paraphrases in the top 3 %d/%d,"
                                    + " real queries found %d/%d, nonsense finding nothing %d/%d,"
                                    + " precision@5 %.3f%n",
                            s.mode(),
                            s.floor() <= -1 ? "none" : Double.toString(s.floor()),
                            s.phrasesFirst(),
                            s.phrases(),
                            s.paraphrasesTop3(),
                            s.paraphrases(),
                            s.realFound(),
                            s.phrases() + s.paraphrases(),
                            s.nonsenseEmpty(),
                            s.nonsense(),
                            s.precisionAt5());
                }
                if (QueryEmbedders.of(config) == null) {
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
