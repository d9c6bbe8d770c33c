package io.framewise.dev.bench;

import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.framewise.connectors.elasticsearch.DeadLetters;
import io.framewise.connectors.elasticsearch.Document;
import io.framewise.connectors.elasticsearch.Documents;
import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.connectors.elasticsearch.ElasticsearchSink;
import io.framewise.connectors.elasticsearch.IndexTemplates;
import io.framewise.connectors.elasticsearch.SearchIndex;
import io.framewise.pipeline.embed.Embedder;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.search.SearchMode;
import io.framewise.search.SearchQuery;
import io.framewise.search.SearchService;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * The search benchmark: bulk indexing throughput of the Elasticsearch sink against the client's own
 * {@code BulkIngester}, search latency per mode, and kNN recall@10 against exact cosine search over
 * a Parquet frames table with DuckDB. All on generated frames ({@link GeneratedFrames}).
 */
public final class SearchBench {

    /** What the benchmark measures, for printing and JSON. */
    public record Result(
            int docs,
            int dims,
            int parallelism,
            double sinkDocsPerSecond,
            double ingesterDocsPerSecond,
            double throughputRatio,
            Map<String, double[]> latencyMs,
            double hybridToTextRatio,
            Map<Integer, Double> recallAt10,
            int recallQueries,
            String vectorIndexType) {}

    private final ElasticsearchConfig base;
    private final GeneratedFrames gen;
    private final int docs;
    private final int parallelism;
    private final java.io.PrintWriter log;

    public SearchBench(
            ElasticsearchConfig base,
            long seed,
            int dims,
            int docs,
            int parallelism,
            java.io.PrintWriter log) {
        this.base = base;
        this.gen = new GeneratedFrames(seed, dims);
        this.docs = docs;
        this.parallelism = parallelism;
        this.log = log;
    }

    /**
     * Indexes the documents twice (sink, then baseline), then times queries and measures recall.
     */
    public Result run(int queries, int recallQueries, Path scratch) throws Exception {
        ElasticsearchConfig ours = indexConfigs(base).get(0);
        ElasticsearchConfig theirs = indexConfigs(base).get(1);
        for (ElasticsearchConfig c : List.of(ours, theirs)) {
            try (ElasticsearchConnection es = ElasticsearchConnection.open(c)) {
                es.check();
                IndexTemplates.install(es);
            }
        }
        say(
                "baseline: BulkIngester (1000 docs or 5 MB per request, %d concurrent requests) ...",
                parallelism);
        double ingester = ingesterDocsPerSecond(theirs);
        say("  %.0f docs/s", ingester);
        dropIndices(theirs);
        say("framewise: ElasticsearchSink in a Flink job, parallelism %d ...", parallelism);
        double sink = sinkDocsPerSecond(ours);
        say("  %.0f docs/s", sink);
        try (ElasticsearchConnection es = ElasticsearchConnection.open(ours)) {
            es.json("POST", "/" + SearchIndex.FRAMES.alias(ours) + "/_refresh", null);
            long count =
                    es.json("GET", "/" + SearchIndex.FRAMES.alias(ours) + "/_count", null)
                            .path("count")
                            .asLong();
            if (count != docs) {
                throw new IllegalStateException(
                        "indexed " + count + " documents, expected " + docs);
            }
        }

        Map<String, double[]> latency = new LinkedHashMap<>();
        Map<String, float[]> vectors = new HashMap<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < queries + 20; i++) {
            GeneratedFrames.Query q = gen.query(i);
            vectors.put(q.text(), q.vector());
            texts.add(q.text());
        }
        Embedder.Factory lookup = () -> new LookupEmbedder(vectors, gen.dims());
        // The search API's relevance floor (rescoring the kNN candidates on a quantized index)
        // against none, hybrid, in the same run: what the floor costs.
        try (ElasticsearchConnection es = ElasticsearchConnection.open(ours);
                SearchService search = new SearchService(es, lookup);
                SearchService noFloor = new SearchService(es, lookup, -1)) {
            for (String label : List.of("text", "vector", "hybrid", "hybrid_no_floor")) {
                SearchService service = label.equals("hybrid_no_floor") ? noFloor : search;
                SearchMode mode =
                        SearchMode.valueOf(label.replace("_no_floor", "").toUpperCase(Locale.ROOT));
                for (String t : texts.subList(0, 20)) {
                    service.search(SearchQuery.of(t).withMode(mode)); // warm-up
                }
                List<Double> ms = new ArrayList<>();
                int answered = 0;
                for (String t : texts.subList(20, texts.size())) {
                    long t0 = System.nanoTime();
                    answered +=
                            service.search(SearchQuery.of(t).withMode(mode)).results().isEmpty()
                                    ? 0
                                    : 1;
                    ms.add((System.nanoTime() - t0) / 1e6);
                }
                latency.put(label, new double[] {percentile(ms, 50), percentile(ms, 95)});
                say(
                        "  %-15s search p50 %.1f ms, p95 %.1f ms, %d of %d queries answered",
                        label, percentile(ms, 50), percentile(ms, 95), answered, ms.size());
            }
        }
        Map<Integer, Double> recall = recall(ours, recallQueries, scratch);
        return new Result(
                docs,
                gen.dims(),
                parallelism,
                sink,
                ingester,
                sink / ingester,
                latency,
                latency.get("hybrid")[0] / latency.get("text")[0],
                recall,
                recallQueries,
                base.vectorIndexType());
    }

    private double sinkDocsPerSecond(ElasticsearchConfig es) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(5000);
        GeneratedFrames g = gen;
        DataGeneratorSource<GeneratedFrames.Frame> source =
                new DataGeneratorSource<>(
                        g::frame,
                        docs,
                        RateLimiterStrategy.noOp(),
                        TypeInformation.of(GeneratedFrames.Frame.class));
        ElasticsearchSink<GeneratedFrames.Frame> sink =
                ElasticsearchSink.<GeneratedFrames.Frame>builder()
                        .config(es)
                        .index(SearchIndex.FRAMES)
                        .documents(SearchBench::document)
                        .deadLetters(new NoRejections())
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "generated frames").sinkTo(sink);
        long t0 = System.nanoTime();
        env.execute("bench search: sink");
        return docs / ((System.nanoTime() - t0) / 1e9);
    }

    private double ingesterDocsPerSecond(ElasticsearchConfig es) throws Exception {
        AtomicLong failed = new AtomicLong();
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
            String alias = SearchIndex.FRAMES.alias(es);
            long t0 = System.nanoTime();
            BulkListener<Void> listener =
                    new BulkListener<>() {
                        @Override
                        public void beforeBulk(long id, BulkRequest request, List<Void> contexts) {}

                        @Override
                        public void afterBulk(
                                long id,
                                BulkRequest request,
                                List<Void> contexts,
                                BulkResponse response) {
                            for (BulkResponseItem item : response.items()) {
                                if (item.error() != null) {
                                    failed.incrementAndGet();
                                }
                            }
                        }

                        @Override
                        public void afterBulk(
                                long id,
                                BulkRequest request,
                                List<Void> contexts,
                                Throwable failure) {
                            failed.addAndGet(request.operations().size());
                        }
                    };
            try (BulkIngester<Void> ingester =
                    BulkIngester.of(
                            b ->
                                    b.client(c.client())
                                            .maxOperations(1000)
                                            .maxSize(5L * 1024 * 1024)
                                            .maxConcurrentRequests(parallelism)
                                            .listener(listener))) {
                for (long i = 0; i < docs; i++) {
                    Document d = document(gen.frame(i));
                    ingester.add(
                            op -> op.index(ix -> ix.index(alias).id(d.id()).document(d.source())));
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (failed.get() > 0) {
                throw new IllegalStateException(
                        "the baseline failed to index " + failed.get() + " documents");
            }
            return docs / seconds;
        }
    }

    /** Recall@10 of kNN at several num_candidates, against exact cosine top-10 in DuckDB. */
    private Map<Integer, Double> recall(ElasticsearchConfig es, int queries, Path scratch)
            throws Exception {
        Path parquet = scratch.resolve("frames.parquet");
        writeParquet(parquet);
        say("exact top-10 by cosine over %s with DuckDB, %d queries ...", parquet, queries);
        List<List<String>> exact = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = db.createStatement()) {
            for (int i = 0; i < queries; i++) {
                float[] q = gen.query(100_000 + i).vector();
                ResultSet r =
                        sql.executeQuery(
                                "select id from read_parquet('"
                                        + parquet
                                        + "') order by list_cosine_similarity(text_vector, "
                                        + literal(q)
                                        + ") desc limit 10");
                List<String> ids = new ArrayList<>();
                while (r.next()) {
                    ids.add(r.getString(1));
                }
                exact.add(ids);
            }
        }
        Map<Integer, Double> recall = new LinkedHashMap<>();
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
            for (int candidates : List.of(10, 50, 100, 200)) {
                double found = 0;
                for (int i = 0; i < queries; i++) {
                    float[] q = gen.query(100_000 + i).vector();
                    List<Float> v = new ArrayList<>(q.length);
                    for (float x : q) {
                        v.add(x);
                    }
                    var r =
                            c.client()
                                    .search(
                                            s ->
                                                    s.index(SearchIndex.FRAMES.alias(es))
                                                            .size(10)
                                                            .source(src -> src.fetch(false))
                                                            .knn(
                                                                    k ->
                                                                            k.field("text_vector")
                                                                                    .queryVector(v)
                                                                                    .k(10)
                                                                                    .numCandidates(
                                                                                            candidates)),
                                            Void.class);
                    Set<String> got = new HashSet<>();
                    r.hits().hits().forEach(h -> got.add(h.id()));
                    found += exact.get(i).stream().filter(got::contains).count() / 10.0;
                }
                recall.put(candidates, found / queries);
                say("  kNN recall@10 with num_candidates %d: %.3f", candidates, found / queries);
            }
        }
        return recall;
    }

    private void writeParquet(Path file) throws IOException {
        Schema schema =
                SchemaBuilder.record("Frame")
                        .fields()
                        .requiredString("id")
                        .requiredString("video_id")
                        .name("text_vector")
                        .type()
                        .array()
                        .items()
                        .floatType()
                        .noDefault()
                        .endRecord();
        say("writing the %d frames to Parquet for the exact search ...", docs);
        try (ParquetWriter<GenericRecord> w =
                AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                        .withSchema(schema)
                        .withConf(new PlainParquetConfiguration())
                        .withCompressionCodec(CompressionCodecName.SNAPPY)
                        .build()) {
            for (long i = 0; i < docs; i++) {
                GeneratedFrames.Frame f = gen.frame(i);
                GenericRecord r = new GenericData.Record(schema);
                r.put(
                        "id",
                        Documents.frameId(f.row().videoId(), f.row().shotIndex(), f.row().frame()));
                r.put("video_id", f.row().videoId());
                List<Float> v = new ArrayList<>(f.vector().length);
                for (float x : f.vector()) {
                    v.add(x);
                }
                r.put("text_vector", v);
                w.write(r);
            }
        }
    }

    private static String literal(float[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(v[i]);
        }
        return b.append("]::FLOAT[]").toString();
    }

    static Document document(GeneratedFrames.Frame f) {
        Document d = Documents.frame(f.row());
        Map<String, Object> source = new LinkedHashMap<>(d.source());
        source.put("text_vector", f.vector());
        return new Document(d.id(), d.videoId(), source);
    }

    /** The configurations of the sink's and the baseline's indices. */
    public static List<ElasticsearchConfig> indexConfigs(ElasticsearchConfig base) {
        return List.of(
                base.withIndexPrefix(base.indexPrefix() + "sink-"),
                base.withIndexPrefix(base.indexPrefix() + "ingester-"));
    }

    /** Deletes the indices and templates of {@code es}, by name (no wildcards: ES refuses them). */
    public static void dropIndices(ElasticsearchConfig es) throws IOException {
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
            for (SearchIndex index : SearchIndex.values()) {
                for (String path :
                        List.of("/" + index.index(es), "/_index_template/" + index.template(es))) {
                    if (c.exists(path)) {
                        c.json("DELETE", path, null);
                    }
                }
            }
        }
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }

    private void say(String format, Object... args) {
        log.printf(format + "%n", args);
        log.flush();
    }

    /** The benchmark's documents are all valid: a rejection fails it. */
    static final class NoRejections implements DeadLetters {
        private static final long serialVersionUID = 1L;

        @Override
        public Writer open(int subtask) {
            return new Writer() {
                @Override
                public void add(FailureRow row) throws IOException {
                    throw new IOException("a benchmark document was rejected: " + row.message());
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
        }
    }

    /** Embeds the benchmark's queries by looking up the vectors they were generated with. */
    static final class LookupEmbedder implements Embedder {
        private final Map<String, float[]> vectors;
        private final int dims;

        LookupEmbedder(Map<String, float[]> vectors, int dims) {
            this.vectors = vectors;
            this.dims = dims;
        }

        @Override
        public String model() {
            return "generated";
        }

        @Override
        public int dims() {
            return dims;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            List<float[]> out = new ArrayList<>();
            for (String t : texts) {
                out.add(vectors.get(t));
            }
            return out;
        }

        @Override
        public void close() {}
    }
}
