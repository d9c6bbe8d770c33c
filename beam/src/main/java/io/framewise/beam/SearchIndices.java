package io.framewise.beam;

import io.framewise.connectors.elasticsearch.DocumentMapper;
import io.framewise.connectors.elasticsearch.Documents;
import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.connectors.elasticsearch.IndexTemplates;
import io.framewise.connectors.elasticsearch.SearchIndex;
import io.framewise.pipeline.rows.ClusterMemberRow;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.VideoRow;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * The Elasticsearch output of the Beam backfill, as the Flink job's ({@code
 * io.framewise.jobs.graph.SearchIndices}): the {@code videos}, {@code shots} and {@code frames}
 * rows into their indices and the shots' cluster ids onto their frame documents, with the
 * connectors' documents and bulk writer ({@link IndexDocumentsFn}); on only when {@code es.url} is
 * set.
 *
 * <p>The cluster ids are written once every frame document is (Beam's {@code Wait.on}): an update
 * of a frame document that is not there yet would wait out the retries, and one of a document that
 * never came is a failure row ({@code es_missing_document}), as in the Flink job.
 */
final class SearchIndices {

    private SearchIndices() {}

    /**
     * Checks the cluster and installs the index templates while the pipeline is built (so that a
     * misconfiguration is a clear error before anything runs), then adds the writers.
     *
     * @return the failure rows of the documents Elasticsearch rejected
     */
    static PCollection<FailureRow> attach(
            ElasticsearchConfig es,
            PCollection<VideoRow> videos,
            PCollection<ShotRow> shots,
            PCollection<FrameRow> frames,
            PCollection<ClusterMemberRow> clusterMembers) {
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
            c.check();
            IndexTemplates.install(c);
        }
        PCollection<FailureRow> framesRejected =
                index(frames, "frames index", es, SearchIndex.FRAMES, Documents::frame);
        PCollection<FailureRow> clustersRejected =
                index(
                        clusterMembers.apply("after the frames index", Wait.on(framesRejected)),
                        "frame clusters index",
                        es,
                        SearchIndex.FRAMES,
                        DocumentMapper.each(Documents::frameClusters));
        return PCollectionList.of(
                        index(videos, "videos index", es, SearchIndex.VIDEOS, Documents::video))
                .and(index(shots, "shots index", es, SearchIndex.SHOTS, Documents::shot))
                .and(framesRejected)
                .and(clustersRejected)
                .apply("documents rejected", Flatten.pCollections());
    }

    private static <T> PCollection<FailureRow> index(
            PCollection<T> rows,
            String name,
            ElasticsearchConfig es,
            SearchIndex index,
            DocumentMapper<T> documents) {
        return rows.apply(name, ParDo.of(new IndexDocumentsFn<>(es, index, documents)))
                .setCoder(Outputs.coder(FailureRow.class));
    }
}
