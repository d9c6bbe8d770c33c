package io.framewise.dev.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.pipeline.embed.Embedder;
import io.framewise.pipeline.video.VideoRef;
import io.framewise.search.SearchMode;
import io.framewise.search.SearchQuery;
import io.framewise.search.SearchService;
import io.framewise.search.Views;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Search relevance on a labelled corpus (the format of the reference corpus's {@code
 * manifest.json}, whose shots list the text drawn in them): each line of text shown in a shot, as a
 * query, must find that shot first; a hand-written paraphrase of the shot's text ({@code
 * relevance/paraphrases.json}) must find it in the top 3. A hit is the shot's when it is a frame of
 * that video within the shot's labelled frames. Words shown nowhere ({@link #NONSENSE}) must find
 * nothing. Each query also scores its precision at 5: the share of its first five results (of as
 * many as came back) that are its shot's.
 */
public final class RelevanceBench {

    /**
     * One query, where its shot came (0: not in the first {@link #DEPTH}), how many results came
     * back at most {@link #DEPTH}, and its precision at 5 (0 when nothing came back).
     */
    public record Outcome(
            String mode,
            String kind,
            String file,
            int shot,
            String query,
            int rank,
            int returned,
            double precisionAt5) {}

    /** Queries of words no video shows: a search that trusts its ranking finds nothing. */
    static final List<String> NONSENSE =
            List.of(
                    "zxqvblorf",
                    "qwpfj vnmzx krrtl",
                    "blorptastic wug snarfle",
                    "xylo quafftrom plinth zebble",
                    "mbrrq tsktsk ooglyboo",
                    "vrrrmph klaxxon dwibble");

    /** A labelled shot with text. */
    record LabelledShot(
            String file, int shot, long firstFrame, long endFrame, List<String> lines) {}

    static final int DEPTH = 10;

    private RelevanceBench() {}

    /** The labelled shots with text of the manifest's videos. */
    static List<LabelledShot> shots(Path manifest) throws IOException {
        JsonNode root = new ObjectMapper().readTree(manifest.toFile());
        List<LabelledShot> out = new ArrayList<>();
        for (JsonNode v : root.path("videos")) {
            JsonNode shots = v.path("shots");
            for (int i = 0; i < shots.size(); i++) {
                List<String> lines = new ArrayList<>();
                shots.get(i).path("text").forEach(t -> lines.add(t.asText()));
                long first = shots.get(i).path("first_frame").asLong();
                long end =
                        i + 1 < shots.size()
                                ? shots.get(i + 1).path("first_frame").asLong()
                                : v.path("frames").asLong(Long.MAX_VALUE);
                if (!lines.isEmpty()) {
                    out.add(new LabelledShot(v.path("file").asText(), i, first, end, lines));
                }
            }
        }
        return out;
    }

    static JsonNode paraphrases() throws IOException {
        try (InputStream in =
                RelevanceBench.class.getResourceAsStream("/relevance/paraphrases.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    /**
     * Runs every query in every mode the search supports here (text always; vector and hybrid with
     * a query embedder).
     */
    public static List<Outcome> run(
            Path manifest,
            ElasticsearchConfig es,
            Embedder.Factory queryEmbedder,
            double minSimilarity)
            throws IOException {
        List<LabelledShot> shots = shots(manifest);
        JsonNode paraphrases = paraphrases();
        Path dir = manifest.toAbsolutePath().getParent();
        List<SearchMode> modes =
                queryEmbedder == null
                        ? List.of(SearchMode.TEXT)
                        : List.of(SearchMode.TEXT, SearchMode.VECTOR, SearchMode.HYBRID);
        List<Outcome> out = new ArrayList<>();
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es);
                SearchService search = new SearchService(c, queryEmbedder, minSimilarity)) {
            for (SearchMode mode : modes) {
                for (String q : NONSENSE) {
                    out.add(outcome(search, mode, "nonsense", null, null, q));
                }
                for (LabelledShot s : shots) {
                    String videoId = VideoRef.of(dir.resolve(s.file())).videoId();
                    for (String line : s.lines()) {
                        out.add(outcome(search, mode, "phrase", s, videoId, line));
                    }
                    JsonNode p = paraphrases.path(s.file()).path(String.valueOf(s.shot()));
                    if (p.isTextual()) {
                        out.add(outcome(search, mode, "paraphrase", s, videoId, p.asText()));
                    }
                }
            }
        }
        return out;
    }

    private static Outcome outcome(
            SearchService search,
            SearchMode mode,
            String kind,
            LabelledShot s,
            String videoId,
            String q) {
        Views.Results r = search.search(SearchQuery.of(q).withMode(mode).withSize(DEPTH));
        int rank = 0;
        int relevantIn5 = 0;
        for (int i = 0; i < r.results().size(); i++) {
            Views.Hit h = r.results().get(i);
            boolean relevant =
                    s != null
                            && h.videoId().equals(videoId)
                            && h.frame() >= s.firstFrame()
                            && h.frame() < s.endFrame();
            if (relevant && rank == 0) {
                rank = i + 1;
            }
            if (relevant && i < 5) {
                relevantIn5++;
            }
        }
        int returned = r.results().size();
        double precision = returned == 0 ? 0 : (double) relevantIn5 / Math.min(5, returned);
        return new Outcome(
                mode.toString(),
                kind,
                s == null ? "" : s.file(),
                s == null ? -1 : s.shot(),
                q,
                rank,
                returned,
                precision);
    }
}
