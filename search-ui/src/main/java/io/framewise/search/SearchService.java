package io.framewise.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.connectors.elasticsearch.SearchIndex;
import io.framewise.pipeline.embed.Embedder;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Finds moments in videos: hybrid (BM25 and kNN fused by {@link RankFusion}), text or vector
 * searches over the {@code frames} index; the videos; one video's shots with their text; frames
 * like a given one.
 *
 * <p>Queries are embedded with the {@link Embedder} the documents were embedded with (the factory
 * given); without one, vector search is refused and hybrid runs as text. Elasticsearch being down
 * is a {@link SearchUnavailableException}, an unknown id a {@link NotFoundException}. Thread-safe.
 */
public final class SearchService implements AutoCloseable {

    /**
     * The text fields a query matches (descriptions and tags are empty until enrichment, speech
     * until transcription).
     */
    static final List<String> TEXT_FIELDS = List.of("ocr_text", "description", "tags", "speech");

    static final String TEXT_VECTOR = "text_vector";
    static final String IMAGE_VECTOR = "image_vector";

    /** Each list in a hybrid search contributes this many candidates at least. */
    static final int MIN_WINDOW = 50;

    private static final int MAX_PER_VIDEO = 10_000;

    /** The clusters listed for the filter, at most. */
    static final int MAX_CLUSTERS = 200;

    static final String CLUSTER_ID = "cluster_id";

    private final ElasticsearchConnection es;
    private final ElasticsearchClient client;
    private final ElasticsearchConfig config;
    private final QueryEmbedder embedder;
    private final String frames;
    private final String shots;
    private final String videos;
    private final FrameQueries queries;
    private final Float minSimilarity;
    private final SpokenLines spoken;
    private final Path previews;

    /**
     * The relevance floor of the meaning side (vector and hybrid) for the default model,
     * all-MiniLM-L6-v2: the cosine a frame's text vector must reach to count as a match. Below it a
     * frame is not returned by meaning (search-ui/README.md, "Relevance floor", has the
     * calibration).
     */
    public static final double DEFAULT_MIN_SIMILARITY = 0.27;

    /**
     * The relevance floor from {@code search.min-similarity} (a cosine from -1 to 1; -1 turns it
     * off), or {@link #DEFAULT_MIN_SIMILARITY}.
     *
     * @throws IllegalArgumentException naming the key
     */
    public static double minSimilarity(Properties settings) {
        String v = settings.getProperty("search.min-similarity");
        if (v == null || v.isBlank()) {
            return DEFAULT_MIN_SIMILARITY;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (d >= -1 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "search.min-similarity must be a cosine from -1 (no floor) to 1, got '" + v + "'");
    }

    /**
     * With the default relevance floor ({@link #DEFAULT_MIN_SIMILARITY}).
     *
     * @param queryEmbedder the documents' model, or null to search by text only
     */
    public SearchService(ElasticsearchConnection es, Embedder.Factory queryEmbedder) {
        this(es, queryEmbedder, DEFAULT_MIN_SIMILARITY);
    }

    /**
     * @param queryEmbedder the documents' model, or null to search by text only
     * @param minSimilarity the meaning side's relevance floor: the cosine (-1 to 1) between the
     *     query's and a frame's text vectors below which the frame is no match by meaning; -1 for
     *     none (every frame is somewhat near)
     */
    public SearchService(
            ElasticsearchConnection es, Embedder.Factory queryEmbedder, double minSimilarity) {
        this(es, queryEmbedder, minSimilarity, null);
    }

    /**
     * @param queryEmbedder the documents' model, or null to search by text only
     * @param minSimilarity the meaning side's relevance floor (see above)
     * @param previews the directory of the indexing job's preview renditions ({@code
     *     OUT/previews}), played for videos browsers cannot play as they are; null for none
     */
    public SearchService(
            ElasticsearchConnection es,
            Embedder.Factory queryEmbedder,
            double minSimilarity,
            Path previews) {
        if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
            throw new IllegalArgumentException(
                    "the relevance floor is a cosine from -1 to 1, got " + minSimilarity);
        }
        this.minSimilarity = minSimilarity <= -1 ? null : (float) minSimilarity;
        this.es = es;
        this.client = es.client();
        this.config = es.config();
        this.embedder = queryEmbedder == null ? null : new QueryEmbedder(queryEmbedder);
        this.frames = SearchIndex.FRAMES.alias(config);
        this.shots = SearchIndex.SHOTS.alias(config);
        this.videos = SearchIndex.VIDEOS.alias(config);
        this.queries = new FrameQueries(client, frames);
        this.spoken = new SpokenLines(es);
        this.previews = previews == null ? null : previews.toAbsolutePath().normalize();
    }

    /** What was said: lines matching a phrase at their moment, and a video's transcript. */
    public SpokenLines spokenLines() {
        return spoken;
    }

    /** The meaning side's relevance floor (cosine), or null for none. */
    public Float minSimilarity() {
        return minSimilarity;
    }

    /** Whether queries can be embedded (vector and hybrid search). */
    public boolean embedsQueries() {
        return embedder != null;
    }

    /**
     * Checks that the query embedder's vectors fit the index: same dims as {@code text_vector}
     * where the index already fixed them.
     *
     * @throws IllegalStateException naming both numbers
     */
    public void checkDims() {
        if (embedder == null) {
            return;
        }
        JsonNode mapping;
        try {
            mapping = es.json("GET", "/" + frames + "/_mapping/field/" + TEXT_VECTOR, null);
        } catch (IOException e) {
            throw unavailable(e);
        }
        for (JsonNode index : mapping) {
            int dims =
                    index.path("mappings")
                            .path(TEXT_VECTOR)
                            .path("mapping")
                            .path(TEXT_VECTOR)
                            .path("dims")
                            .asInt(0);
            if (dims > 0 && dims != embedder.dims()) {
                throw new IllegalStateException(
                        "the query embedder "
                                + embedder.model()
                                + " makes "
                                + embedder.dims()
                                + "-dim vectors, but "
                                + frames
                                + " holds "
                                + dims
                                + "-dim text vectors: queries must use the documents' model");
            }
        }
    }

    /** Runs a search; see {@link SearchQuery} for the parameters. */
    public Views.Results search(SearchQuery q) {
        long start = System.nanoTime();
        SearchMode mode = q.mode();
        if (mode == SearchMode.VECTOR && embedder == null) {
            throw new IllegalArgumentException(
                    "mode=vector needs a query embedder, and this server has none: use mode=text");
        }
        if (mode == SearchMode.HYBRID && embedder == null) {
            mode = SearchMode.TEXT;
        }
        List<Query> filters = FrameQueries.filters(q);
        List<Views.Hit> hits;
        long total;
        boolean exact;
        try {
            switch (mode) {
                case TEXT -> {
                    SearchResponse<ObjectNode> r = queries.text(q.q(), filters, q.from(), q.size());
                    hits = new ArrayList<>();
                    for (Hit<ObjectNode> h : r.hits().hits()) {
                        hits.add(Sources.hit(h.id(), h.source(), Sources.score(h), q.q()));
                    }
                    total = r.hits().total() == null ? hits.size() : r.hits().total().value();
                    exact = true;
                }
                case VECTOR -> {
                    // One more than the page needs: whether there are more.
                    int k = q.from() + q.size();
                    List<Hit<ObjectNode>> all = byMeaning(q.q(), filters, k + 1);
                    hits = new ArrayList<>();
                    for (Hit<ObjectNode> h :
                            all.subList(Math.min(q.from(), all.size()), Math.min(k, all.size()))) {
                        hits.add(Sources.hit(h.id(), h.source(), Sources.score(h), q.q()));
                    }
                    total = all.size();
                    exact = all.size() <= k;
                }
                default -> {
                    int window = Math.max(MIN_WINDOW, 2 * (q.from() + q.size()));
                    SearchResponse<ObjectNode> text = queries.text(q.q(), filters, 0, window);
                    List<Hit<ObjectNode>> knn = byMeaning(q.q(), filters, window);
                    Map<String, ObjectNode> sources = new HashMap<>();
                    List<String> byText = Sources.ids(text.hits().hits(), sources);
                    List<String> byMeaning = Sources.ids(knn, sources);
                    List<RankFusion.Fused> fused =
                            RankFusion.fuse(List.of(byText, byMeaning), RankFusion.DEFAULT_K);
                    hits = new ArrayList<>();
                    int end = Math.min(fused.size(), q.from() + q.size());
                    for (RankFusion.Fused f : fused.subList(Math.min(q.from(), end), end)) {
                        hits.add(Sources.hit(f.id(), sources.get(f.id()), f.score(), q.q()));
                    }
                    // Exact where both lists ended inside the window; else at least this many.
                    long textTotal =
                            text.hits().total() == null
                                    ? byText.size()
                                    : text.hits().total().value();
                    exact = textTotal <= window && byMeaning.size() < window;
                    total = exact ? fused.size() : Math.max(fused.size(), textTotal);
                }
            }
            hits = withVideos(hits);
        } catch (IOException e) {
            throw unavailable(e);
        } catch (ElasticsearchException e) {
            throw translate(e);
        }
        return new Views.Results(
                hits, total, exact ? "eq" : "gte", elapsedMs(start), mode.toString());
    }

    /**
     * The frames nearest {@code query} by meaning, at most {@code k}, above the relevance floor;
     * none when the model cannot give the query a meaning ({@link QueryEmbedder#meaningful}).
     */
    private List<Hit<ObjectNode>> byMeaning(String query, List<Query> filters, int k)
            throws IOException {
        if (!embedder.meaningful(query)) {
            return List.of();
        }
        return aboveFloor(
                queries.vector(embedder.embed(query), TEXT_VECTOR, filters, k, rescore()));
    }

    /** The indexed videos, newest first (at most 1000). */
    public List<Views.Video> videos() {
        try {
            SearchResponse<ObjectNode> r =
                    client.search(
                            s ->
                                    s.index(videos)
                                            .size(1000)
                                            .sort(
                                                    o ->
                                                            o.field(
                                                                    f ->
                                                                            f.field("processed_at")
                                                                                    .order(
                                                                                            SortOrder
                                                                                                    .Desc)))
                                            .query(qq -> qq.matchAll(m -> m)),
                            ObjectNode.class);
            List<Views.Video> out = new ArrayList<>();
            for (Hit<ObjectNode> h : r.hits().hits()) {
                out.add(Sources.video(h.source()));
            }
            return out;
        } catch (IOException e) {
            throw unavailable(e);
        } catch (ElasticsearchException e) {
            throw translate(e);
        }
    }

    /**
     * The clusters the frames are in, most frames first (at most {@value #MAX_CLUSTERS}): what the
     * cluster filter offers. Frames get their cluster when their shots' window is clustered.
     */
    public List<Views.Cluster> clusters() {
        try {
            SearchResponse<ObjectNode> r =
                    client.search(
                            s ->
                                    s.index(frames)
                                            .size(0)
                                            .aggregations(
                                                    "clusters",
                                                    a ->
                                                            a.terms(
                                                                            t ->
                                                                                    t.field(
                                                                                                    CLUSTER_ID)
                                                                                            .size(
                                                                                                    MAX_CLUSTERS))
                                                                    .aggregations(
                                                                            "videos",
                                                                            v ->
                                                                                    v.cardinality(
                                                                                            c ->
                                                                                                    c
                                                                                                            .field(
                                                                                                                    "video_id")))
                                                                    .aggregations(
                                                                            "sample",
                                                                            ClusterAggs::topTerms)
                                                                    .aggregations(
                                                                            "best",
                                                                            ClusterAggs
                                                                                    ::bestKeyframe)),
                            ObjectNode.class);
            List<Views.Cluster> out = new ArrayList<>();
            for (StringTermsBucket b :
                    r.aggregations().get("clusters").sterms().buckets().array()) {
                out.add(
                        new Views.Cluster(
                                b.key().stringValue(),
                                b.docCount(),
                                b.aggregations().get("videos").cardinality().value(),
                                ClusterAggs.terms(b.aggregations().get("sample")),
                                ClusterAggs.thumbnail(b.aggregations().get("best"))));
            }
            return out;
        } catch (IOException e) {
            throw unavailable(e);
        } catch (ElasticsearchException e) {
            throw translate(e);
        }
    }

    /** One video with its scenes and its shots in order, each with its text and keyframes. */
    public Views.VideoPage video(String videoId) {
        try {
            GetResponse<ObjectNode> v =
                    client.get(g -> g.index(videos).id(videoId), ObjectNode.class);
            if (!v.found()) {
                throw new NotFoundException("no video " + videoId);
            }
            Query ofVideo = Query.of(qq -> qq.term(t -> t.field("video_id").value(videoId)));
            SearchResponse<ObjectNode> shotHits =
                    client.search(
                            s ->
                                    s.index(shots)
                                            .size(MAX_PER_VIDEO)
                                            .query(ofVideo)
                                            .sort(
                                                    o ->
                                                            o.field(
                                                                    f ->
                                                                            f.field("shot_index")
                                                                                    .order(
                                                                                            SortOrder
                                                                                                    .Asc))),
                            ObjectNode.class);
            SearchResponse<ObjectNode> frameHits =
                    client.search(
                            s ->
                                    s.index(frames)
                                            .size(MAX_PER_VIDEO)
                                            .query(ofVideo)
                                            .source(
                                                    src ->
                                                            src.filter(
                                                                    f ->
                                                                            f.excludes(
                                                                                    FrameQueries
                                                                                            .NO_VECTORS)))
                                            .sort(
                                                    o ->
                                                            o.field(
                                                                    f ->
                                                                            f.field("shot_index")
                                                                                    .order(
                                                                                            SortOrder
                                                                                                    .Asc)))
                                            .sort(
                                                    o ->
                                                            o.field(
                                                                    f ->
                                                                            f.field("frame")
                                                                                    .order(
                                                                                            SortOrder
                                                                                                    .Asc))),
                            ObjectNode.class);
            Map<Integer, List<Views.Frame>> framesByShot = new LinkedHashMap<>();
            for (Hit<ObjectNode> h : frameHits.hits().hits()) {
                ObjectNode f = h.source();
                framesByShot
                        .computeIfAbsent(f.path("shot_index").asInt(), k -> new ArrayList<>())
                        .add(
                                new Views.Frame(
                                        h.id(),
                                        f.path("frame").asLong(),
                                        f.path("ms").asLong(),
                                        f.path("timecode").asText(""),
                                        Sources.text(f),
                                        Sources.thumbnail(f),
                                        f.path(CLUSTER_ID).asText(null)));
            }
            List<Views.Shot> out = new ArrayList<>();
            Set<Integer> listed = new LinkedHashSet<>();
            for (Hit<ObjectNode> h : shotHits.hits().hits()) {
                ObjectNode s = h.source();
                int index = s.path("shot_index").asInt();
                listed.add(index);
                out.add(
                        Sources.shot(
                                index,
                                s.path("start_ms").asLong(),
                                s.path("end_ms").asLong(),
                                s.path("transition_in").asText(""),
                                framesByShot.getOrDefault(index, List.of())));
            }
            // Frames of shots the shots index lacks still show (rows arrive independently).
            for (Map.Entry<Integer, List<Views.Frame>> e : framesByShot.entrySet()) {
                if (!listed.contains(e.getKey())) {
                    List<Views.Frame> fs = e.getValue();
                    out.add(
                            Sources.shot(
                                    e.getKey(),
                                    fs.get(0).ms(),
                                    fs.get(fs.size() - 1).ms(),
                                    "",
                                    fs));
                }
            }
            out.sort((a, b) -> Integer.compare(a.shot(), b.shot()));
            return new Views.VideoPage(
                    Sources.video(v.source()), media(v.source()), Sources.scenes(v.source()), out);
        } catch (IOException e) {
            throw unavailable(e);
        } catch (ElasticsearchException e) {
            throw translate(e);
        }
    }

    /**
     * The media of an indexed video, for playback: only a video in the index, only where its
     * indexed URI is a local file or a stored object of a format browsers play ({@link
     * VideoFiles}), or where the job made its preview; the file is never named by the caller.
     *
     * @throws NotFoundException for an unknown video and one that cannot be played here, saying why
     */
    public VideoMedia videoFile(String videoId) {
        try {
            GetResponse<ObjectNode> v =
                    client.get(
                            g ->
                                    g.index(videos)
                                            .id(videoId)
                                            .sourceIncludes(List.of("uri", "codec")),
                            ObjectNode.class);
            if (!v.found()) {
                throw new NotFoundException("no video " + videoId);
            }
            String uri = v.source().path("uri").asText(null);
            String codec = v.source().path("codec").asText(null);
            VideoMedia media = playable(videoId, uri, codec);
            if (media == null) {
                throw new NotFoundException(
                        "video "
                                + videoId
                                + " cannot be played here: "
                                + VideoFiles.whyNot(uri, codec));
            }
            return media;
        } catch (IOException e) {
            throw unavailable(e);
        } catch (ElasticsearchException e) {
            throw translate(e);
        }
    }

    /** How the page plays a video document's file. */
    private Views.Media media(ObjectNode v) {
        String uri = v.path("uri").asText(null);
        String codec = v.path("codec").asText(null);
        String id = v.path("video_id").asText();
        VideoMedia media = playable(id, uri, codec);
        if (media == null) {
            return new Views.Media(null, null, VideoFiles.whyNot(uri, codec));
        }
        return new Views.Media(
                "/api/videos/"
                        + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")
                        + "/media",
                media.type(),
                null);
    }

    /**
     * What plays a video: the original where browsers play it ({@link VideoFiles}), else its
     * preview rendition when indexing made one ({@code preview.*}: {@code
     * previews/{video_id}.mp4}); null when neither.
     */
    private VideoMedia playable(String videoId, String uri, String codec) {
        VideoMedia original = VideoFiles.media(uri, codec);
        if (original != null || previews == null) {
            return original;
        }
        Path preview = previews.resolve(videoId + ".mp4").normalize();
        if (preview.startsWith(previews) && Files.isRegularFile(preview)) {
            return new VideoMedia.LocalFile(preview, "video/mp4");
        }
        return null;
    }

    /**
     * Frames like {@code frameId}, the frame itself left out: nearest by its image vector, else by
     * its text vector, else by words in common (Elasticsearch's {@code more_like_this}).
     */
    public Views.Similar similar(String frameId, int size) {
        if (size < 1 || size > SearchQuery.MAX_SIZE) {
            throw new IllegalArgumentException(
                    "size must be between 1 and " + SearchQuery.MAX_SIZE + ", got " + size);
        }
        long start = System.nanoTime();
        try {
            GetResponse<ObjectNode> g =
                    client.get(r -> r.index(frames).id(frameId), ObjectNode.class);
            if (!g.found()) {
                throw new NotFoundException("no frame " + frameId);
            }
            ObjectNode frame = g.source();
            Query notItself =
                    Query.of(qq -> qq.bool(b -> b.mustNot(m -> m.ids(i -> i.values(frameId)))));
            String by;
            SearchResponse<ObjectNode> r;
            String field =
                    frame.path(IMAGE_VECTOR).isArray()
                            ? IMAGE_VECTOR
                            : frame.path(TEXT_VECTOR).isArray() ? TEXT_VECTOR : null;
            if (field != null) {
                float[] v = new float[frame.path(field).size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) frame.path(field).get(i).asDouble();
                }
                r = queries.vector(v, field, List.of(notItself), size);
                by = field;
            } else {
                String alias = frames;
                r =
                        client.search(
                                s ->
                                        s.index(frames)
                                                .size(size)
                                                .source(
                                                        src ->
                                                                src.filter(
                                                                        f ->
                                                                                f.excludes(
                                                                                        FrameQueries
                                                                                                .NO_VECTORS)))
                                                .query(
                                                        qq ->
                                                                qq.moreLikeThis(
                                                                        m ->
                                                                                m.fields(
                                                                                                TEXT_FIELDS)
                                                                                        .like(
                                                                                                l ->
                                                                                                        l
                                                                                                                .document(
                                                                                                                        d ->
                                                                                                                                d.index(
                                                                                                                                                alias)
                                                                                                                                        .id(
                                                                                                                                                frameId)))
                                                                                        .minTermFreq(
                                                                                                1)
                                                                                        .minDocFreq(
                                                                                                1))),
                                ObjectNode.class);
                by = "text";
            }
            List<Views.Hit> hits = new ArrayList<>();
            for (Hit<ObjectNode> h : r.hits().hits()) {
                hits.add(Sources.hit(h.id(), h.source(), Sources.score(h), ""));
            }
            return new Views.Similar(frameId, by, withVideos(hits), elapsedMs(start));
        } catch (IOException e) {
            throw unavailable(e);
        } catch (ElasticsearchException e) {
            throw translate(e);
        }
    }

    /**
     * The kNN hits at or above the relevance floor, in their order. Elasticsearch scores cosine kNN
     * as {@code (1 + cosine) / 2}; with a quantized index the scores are rescored on the float
     * vectors first ({@link #rescore}), so the floor compares exact cosines.
     */
    private List<Hit<ObjectNode>> aboveFloor(SearchResponse<ObjectNode> r) {
        if (minSimilarity == null) {
            return r.hits().hits();
        }
        double minScore = (1 + minSimilarity) / 2 - 1e-6;
        List<Hit<ObjectNode>> out = new ArrayList<>();
        for (Hit<ObjectNode> h : r.hits().hits()) {
            if (Sources.score(h) >= minScore) {
                out.add(h);
            }
        }
        return out;
    }

    /** Whether kNN scores need rescoring on the float vectors: a floor over a quantized index. */
    private boolean rescore() {
        String type = config.vectorIndexType();
        return minSimilarity != null && !"hnsw".equals(type) && !"flat".equals(type);
    }

    /** Adds each hit's video URI and title (one multi-get for the page). */
    private List<Views.Hit> withVideos(List<Views.Hit> hits) throws IOException {
        if (hits.isEmpty()) {
            return hits;
        }
        List<String> ids = hits.stream().map(Views.Hit::videoId).distinct().toList();
        MgetResponse<ObjectNode> r = client.mget(m -> m.index(videos).ids(ids), ObjectNode.class);
        Map<String, ObjectNode> byId = new HashMap<>();
        for (MultiGetResponseItem<ObjectNode> item : r.docs()) {
            if (item.isResult() && item.result().found()) {
                byId.put(item.result().id(), item.result().source());
            }
        }
        List<Views.Hit> out = new ArrayList<>(hits.size());
        for (Views.Hit h : hits) {
            ObjectNode v = byId.get(h.videoId());
            out.add(
                    new Views.Hit(
                            h.id(),
                            h.videoId(),
                            v == null ? null : v.path("uri").asText(null),
                            v == null ? h.videoId() : v.path("title").asText(h.videoId()),
                            h.shot(),
                            h.frame(),
                            h.ms(),
                            h.timecode(),
                            h.snippet(),
                            h.thumbnail(),
                            h.score(),
                            h.clusterId()));
        }
        return out;
    }

    private SearchUnavailableException unavailable(IOException e) {
        return new SearchUnavailableException(
                "Elasticsearch is not reachable at "
                        + config.url()
                        + ": "
                        + ElasticsearchConnection.describe(e),
                "Elasticsearch is not reachable: search is unavailable for now",
                e);
    }

    private RuntimeException translate(ElasticsearchException e) {
        if (e.error() != null && "index_not_found_exception".equals(e.error().type())) {
            return new SearchUnavailableException(
                    "nothing is indexed at "
                            + config.url()
                            + " yet ("
                            + e.error().reason()
                            + "): index videos with framewise index --es URL",
                    "nothing is indexed yet: index videos with framewise index --es URL",
                    e);
        }
        return new IllegalStateException(
                "Elasticsearch answered HTTP "
                        + e.status()
                        + (e.error() == null
                                ? ""
                                : " " + e.error().type() + ": " + e.error().reason()),
                e);
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public void close() {
        if (embedder != null) {
            embedder.close();
        }
    }
}
