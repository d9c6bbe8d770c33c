package io.framewise.jobs.cli;

import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.pipeline.embed.Embedder;
import io.framewise.pipeline.embed.EmbeddingConfig;
import io.framewise.pipeline.embed.EmbeddingText;
import io.framewise.pipeline.scores.ScoringConfig;
import io.framewise.udfs.embed.DjlRuntime;
import io.framewise.udfs.embed.DjlTextEmbedder;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code framewise embed TEXT...}: the vectors the indexing job would write for these texts, with
 * the same model, settings and text normalisation, so queries and documents can be checked against
 * each other.
 */
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description = {
            "Print the text vectors the indexing job would index for TEXT (same model, settings"
                    + " and normalisation: embedding.*, scoring.*).",
            "With --json, one object on the last line: {\"model\", \"dims\", \"vectors\":"
                    + " [[...], ...]}; a blank text has no vector (null), as in the frames table."
        })
final class EmbedCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "Texts to embed.")
    List<String> texts;

    @Option(names = "--json", description = "Print one JSON object on the last line.")
    boolean json;

    @Mixin DetectorOptions options = new DetectorOptions();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    /** The {@code --json} output. */
    record Result(String model, int dims, List<float[]> vectors) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        FramewiseConfig settings = options.config();
        EmbeddingConfig config = settings.embedding();
        ScoringConfig scoring = settings.scoring();
        DjlRuntime.check(scoring);
        List<String> prepared = new ArrayList<>();
        for (String t : texts) {
            prepared.add(EmbeddingText.of(t, null, List.of()));
        }
        List<String> nonEmpty = prepared.stream().filter(t -> !t.isEmpty()).toList();
        List<float[]> vectors = new ArrayList<>();
        try (Embedder embedder = DjlTextEmbedder.factory(config, scoring).create()) {
            List<float[]> embedded = nonEmpty.isEmpty() ? List.of() : embedder.embed(nonEmpty);
            int next = 0;
            for (String t : prepared) {
                vectors.add(t.isEmpty() ? null : embedded.get(next++));
            }
            Result result = new Result(embedder.model(), embedder.dims(), vectors);
            if (json) {
                out.println(Json.line(result));
            } else {
                out.printf(
                        "model %s, %d dims, on %s%n",
                        result.model(), result.dims(), where(scoring));
                for (int i = 0; i < texts.size(); i++) {
                    out.printf("%n%s%n  %s%n", texts.get(i), preview(vectors.get(i)));
                }
            }
        }
        out.flush();
        return 0;
    }

    private static String where(ScoringConfig s) {
        return s.engine() + " " + s.device();
    }

    /** The first and last values of a vector, and its length. */
    static String preview(float[] v) {
        if (v == null) {
            return "(no text, no vector)";
        }
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < Math.min(4, v.length); i++) {
            b.append(String.format("%.4f, ", v[i]));
        }
        b.append("..., ");
        b.append(String.format("%.4f]", v[v.length - 1]));
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        return b + String.format("  (%d values, length %.3f)", v.length, Math.sqrt(norm));
    }
}
