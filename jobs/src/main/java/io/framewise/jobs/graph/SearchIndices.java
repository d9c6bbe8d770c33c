package io.framewise.jobs.graph;

import io.framewise.connectors.elasticsearch.DeadLetters;
import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.connectors.elasticsearch.ElasticsearchSink;
import io.framewise.connectors.elasticsearch.IndexTemplates;
import io.framewise.connectors.elasticsearch.SearchIndex;
import io.framewise.connectors.parquet.ParquetDeadLetters;
import io.framewise.pipeline.graph.Outputs;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attaches the Elasticsearch sinks to the indexing job's outputs, beside the Parquet ones: {@code
 * videos} (with their summaries and scenes), {@code shots} and {@code frames} into their indices,
 * the shots' cluster ids ({@code cluster_members}) onto their frame documents, transcript segments
 * into {@code transcripts} (speech on), documents Elasticsearch rejects into the Parquet {@code
 * failures} table.
 */
public final class SearchIndices implements OutputSink {

    public static final String UID_VIDEOS = "videos-index";
    public static final String UID_SHOTS = "shots-index";
    public static final String UID_FRAMES = "frames-index";
    public static final String UID_FRAME_CLUSTERS = "frame-clusters-index";
    public static final String UID_TRANSCRIPTS = "transcripts-index";

    private final ElasticsearchConfig es;
    private final String out;

    /**
     * @param es the cluster and its indices
     * @param out the output root whose {@code failures} table takes the rejected documents
     */
    public SearchIndices(ElasticsearchConfig es, String out) {
        this.es = es;
        this.out = out;
    }

    /**
     * Checks the cluster and installs the index templates (before the job starts, so that a
     * misconfiguration is a clear error and not a failing job), then attaches the sinks.
     */
    @Override
    public void attach(Outputs outputs) {
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
            c.check();
            IndexTemplates.install(c);
        }
        attachSinks(outputs);
    }

    /** The sinks alone, each with a name and uid of its own (the graph tests build them). */
    void attachSinks(Outputs outputs) {
        DeadLetters dead = ParquetDeadLetters.of(out);
        outputs.videos()
                .sinkTo(ElasticsearchSink.videos(es, dead))
                .name("videos index")
                .uid(UID_VIDEOS);
        outputs.shots()
                .sinkTo(ElasticsearchSink.shots(es, dead))
                .name("shots index")
                .uid(UID_SHOTS);
        outputs.frames()
                .sinkTo(ElasticsearchSink.frames(es, dead))
                .name("frames index")
                .uid(UID_FRAMES);
        if (outputs.transcripts() != null) {
            outputs.transcripts()
                    .sinkTo(ElasticsearchSink.transcripts(es, dead))
                    .name("transcripts index")
                    .uid(UID_TRANSCRIPTS);
        }
        // When a cluster window fires: its shots' cluster ids, merged into their keyframes'
        // documents (which the frames sink may not have written yet: the updates wait for them).
        if (outputs.clusterMembers() != null) {
            outputs.clusterMembers()
                    .sinkTo(ElasticsearchSink.frameClusters(es, dead))
                    .name("frame clusters index")
                    .uid(UID_FRAME_CLUSTERS);
        }
    }

    /** Documents per index (after a refresh), for the command line's summary. */
    public static Map<SearchIndex, Long> counts(ElasticsearchConfig es) throws IOException {
        Map<SearchIndex, Long> counts = new LinkedHashMap<>();
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
            for (SearchIndex index : SearchIndex.values()) {
                String alias = index.alias(es);
                c.json("POST", "/" + alias + "/_refresh", null);
                counts.put(
                        index, c.json("GET", "/" + alias + "/_count", null).path("count").asLong());
            }
        }
        return counts;
    }
}
