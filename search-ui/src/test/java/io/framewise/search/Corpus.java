package io.framewise.search;

import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import io.framewise.connectors.elasticsearch.Document;
import io.framewise.connectors.elasticsearch.Documents;
import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.connectors.elasticsearch.IndexTemplates;
import io.framewise.connectors.elasticsearch.SearchIndex;
import io.framewise.pipeline.rows.ClusterMemberRow;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.SceneRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.TranscriptRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.rows.VideoSummary;
import io.framewise.testkit.elasticsearch.LocalElasticsearch;
import io.framewise.testkit.samples.LabelledVideo;
import io.framewise.testkit.samples.SampleSpec;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.Scene;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * A small indexed corpus for the search tests: two videos (a lecture whose slides carry the texts
 * of the reference lecture, and a cooking clip), their shots and keyframes, with text vectors made
 * by {@link HashingTestEmbedder} and, for the cooking clip, image vectors; keyframe JPEGs under a
 * data directory; what is said in the lecture ({@link #LECTURE_SPEECH}). The lecture is summarised,
 * with three scenes ({@link #LECTURE_SCENES}); the cooking clip not yet. Frames carry the cluster
 * ids of their shots ({@link #cluster}), as the job's partial updates leave them, except the
 * cooking clip's second shot (not clustered yet). Indexed under a fresh prefix on the shared local
 * Elasticsearch.
 */
public final class Corpus {

    public static final String LECTURE = "lecture-slides-1a2b3c4d";
    public static final String COOKING = "cooking-5e6f7a8b";

    /** The lecture's slides: shot index, first frame, texts (as in the reference corpus). */
    static final List<String[]> SLIDES =
            List.of(
                    new String[] {"Streaming Video Indexing", "Week 3: Scene Detection"},
                    new String[] {
                        "Why shots matter",
                        "Each shot is one camera take",
                        "Keyframes summarise a shot"
                    },
                    new String[] {
                        "Content detector",
                        "HSV difference between frames",
                        "threshold 27 by default"
                    },
                    new String[] {
                        "Exercise 2",
                        "Measure F1 with one frame tolerance",
                        "Report precision and recall"
                    },
                    new String[] {"Questions?", "mail: video-team@example.org"},
                    new String[] {"Appendix A", "Timecodes: 00:01:23;15 (SMPTE)"},
                    new String[] {"Thank you"});

    static final long DAY = 1_763_700_000_000L; // 2025-11-21

    /**
     * What is said in the lecture: start, end (ms), text. Each line starts inside a slide's shot (4
     * s each), the second one 1.5 s into slide 3.
     */
    static final Object[][] LECTURE_SPEECH = {
        {1_000L, 3_500L, "Welcome back to the course on streaming video"},
        {13_500L, 15_500L, "Now measure how often the detector finds the true cuts"},
        {21_000L, 23_000L, "The appendix shows drop frame timecodes"}
    };

    /** The lecture's scenes: first shot, last shot (slides of 4 s, keyframes 10 and 70 in). */
    static final int[][] LECTURE_SCENES = {{0, 1}, {2, 4}, {5, 6}};

    public static final String TITLES = "default:c1";
    public static final String BODY = "default:c2";
    public static final String KITCHEN = "default:c3";

    /** The cluster of a shot: the lecture's first four slides, its last three, the clip's first. */
    static String cluster(String video, int shot) {
        if (video.equals(LECTURE)) {
            return shot < 4 ? TITLES : BODY;
        }
        return shot == 0 ? KITCHEN : null;
    }

    public final ElasticsearchConfig config;
    final Path data;
    final List<FrameRow> frames = new ArrayList<>();

    private Corpus(ElasticsearchConfig config, Path data) {
        this.config = config;
        this.data = data;
    }

    public static ElasticsearchConfig freshConfig(String url) {
        Properties p = new Properties();
        p.setProperty("es.url", url);
        p.setProperty("es.replicas", "0");
        p.setProperty("es.text-vector.dims", String.valueOf(HashingTestEmbedder.DIMS));
        p.setProperty("es.index-prefix", "s" + UUID.randomUUID().toString().substring(0, 8) + "-");
        return ElasticsearchConfig.from(p);
    }

    /** Indexes the corpus; keyframe JPEGs go under {@code data}. */
    public static Corpus index(Path data) throws IOException {
        Corpus c = new Corpus(freshConfig(LocalElasticsearch.shared().url()), data);
        try (ElasticsearchConnection es = ElasticsearchConnection.open(c.config)) {
            IndexTemplates.install(es);
            List<Document> videos = new ArrayList<>();
            List<Document> shots = new ArrayList<>();
            List<Document> frameDocs = new ArrayList<>();
            videos.add(
                    Documents.video(
                            new VideoRow(
                                    LECTURE,
                                    writeLectureVideo(data).toUri().toString(),
                                    1280,
                                    720,
                                    30,
                                    840,
                                    28_000,
                                    "vp8",
                                    SLIDES.size(),
                                    SLIDES.size() * 2,
                                    400,
                                    "ok",
                                    DAY,
                                    lectureSummary())));
            for (int s = 0; s < SLIDES.size(); s++) {
                long first = s * 120L;
                shots.add(
                        Documents.shot(
                                new ShotRow(
                                        LECTURE,
                                        s,
                                        first,
                                        first + 119,
                                        first * 1000 / 30,
                                        (first + 120) * 1000 / 30,
                                        s == 0 ? "start" : "cut",
                                        2,
                                        DAY)));
                String text = String.join("\n", SLIDES.get(s));
                for (int k = 0; k < 2; k++) {
                    long frame = first + 10 + k * 60;
                    frameDocs.add(c.frame(LECTURE, s, frame, 30, text, null, new Color(0x1E2A44)));
                }
            }
            // A different video, with image vectors, dated a day later; one frame's text is
            // hostile.
            videos.add(
                    Documents.video(
                            new VideoRow(
                                    COOKING,
                                    "file:///corpus/cooking.mp4",
                                    720,
                                    1280,
                                    25,
                                    250,
                                    10_000,
                                    "h264",
                                    2,
                                    3,
                                    40,
                                    "ok",
                                    DAY + 86_400_000L,
                                    null)));
            shots.add(
                    Documents.shot(
                            new ShotRow(
                                    COOKING, 0, 0, 124, 0, 5000, "start", 2, DAY + 86_400_000L)));
            shots.add(
                    Documents.shot(
                            new ShotRow(
                                    COOKING,
                                    1,
                                    125,
                                    249,
                                    5000,
                                    10_000,
                                    "cut",
                                    1,
                                    DAY + 86_400_000L)));
            frameDocs.add(
                    c.frame(
                            COOKING,
                            0,
                            10,
                            25,
                            "3 TIPS for crispy fries",
                            new float[] {1, 0, 0, 0},
                            Color.ORANGE));
            frameDocs.add(
                    c.frame(
                            COOKING,
                            0,
                            100,
                            25,
                            "soak them in cold water",
                            new float[] {0.9f, 0.1f, 0, 0},
                            Color.ORANGE));
            frameDocs.add(
                    c.frame(
                            COOKING,
                            1,
                            200,
                            25,
                            "<script>alert('x')</script> fry twice & serve",
                            new float[] {0, 0, 1, 0},
                            Color.GREEN));
            List<Document> said = new ArrayList<>();
            for (int i = 0; i < LECTURE_SPEECH.length; i++) {
                long start = (Long) LECTURE_SPEECH[i][0];
                long frame = start * 30 / 1000;
                said.add(
                        Documents.transcript(
                                new TranscriptRow(
                                        LECTURE,
                                        i,
                                        start,
                                        (Long) LECTURE_SPEECH[i][1],
                                        String.format("00:00:%02d:%02d", frame / 30, frame % 30),
                                        (String) LECTURE_SPEECH[i][2],
                                        "en",
                                        0.9,
                                        (int) (start / 4000),
                                        "test",
                                        DAY)));
            }
            bulk(es, SearchIndex.VIDEOS, videos);
            bulk(es, SearchIndex.TRANSCRIPTS, said);
            bulk(es, SearchIndex.SHOTS, shots);
            bulk(es, SearchIndex.FRAMES, frameDocs);
        }
        return c;
    }

    /**
     * The lecture as a video a browser plays (VP8 in WebM, small), with the slides' shots at the
     * frames the documents say: 120 frames a slide at 30 fps, so slide {@code s} is {@code 4s} to
     * {@code 4s + 4} seconds. The cooking clip's file does not exist (a video whose file went).
     */
    public static Path writeLectureVideo(Path data) throws IOException {
        List<Scene> slides = new ArrayList<>();
        int[] colours = {0x1E2A44, 0x443322, 0x224433, 0x333366, 0x663333, 0x336666, 0x555555};
        for (int s = 0; s < SLIDES.size(); s++) {
            slides.add(Scene.cut(Scene.Look.SOLID, colours[s], 120, SLIDES.get(s)[0]));
        }
        SampleSpec spec =
                SampleSpec.of("lecture-slides", 320, 180, slides).withFormat("webm", "libvpx");
        LabelledVideo video = SampleVideoWriter.write(spec, data.resolve("videos"));
        return data.resolve("videos").resolve(video.file()).toAbsolutePath();
    }

    private static VideoSummary lectureSummary() {
        List<SceneRow> scenes = new ArrayList<>();
        for (int i = 0; i < LECTURE_SCENES.length; i++) {
            int first = LECTURE_SCENES[i][0];
            int last = LECTURE_SCENES[i][1];
            scenes.add(
                    new SceneRow(
                            LECTURE,
                            i,
                            first,
                            last,
                            first * 4000L,
                            (last + 1) * 4000L,
                            "keyframes/"
                                    + LECTURE
                                    + "/"
                                    + first
                                    + "-"
                                    + (first * 120 + 10)
                                    + ".jpg",
                            DAY));
        }
        return new VideoSummary(
                        scenes.size(),
                        4000,
                        1.0,
                        List.of("shot", "frames", "week"),
                        List.of("#202040", "#e0e0e0"),
                        0.8,
                        0.8,
                        0.8,
                        0.004,
                        List.of(),
                        List.of())
                .withSceneRows(scenes);
    }

    private Document frame(
            String video, int shot, long frame, int fps, String text, float[] image, Color color)
            throws IOException {
        long ms = frame * 1000 / fps;
        long seconds = frame / fps;
        String timecode =
                String.format("00:%02d:%02d:%02d", seconds / 60, seconds % 60, frame % fps);
        String uri = "keyframes/" + video + "/" + shot + "-" + frame + ".jpg";
        long day = video.equals(COOKING) ? DAY + 86_400_000L : DAY;
        FrameRow row =
                new FrameRow(
                        video,
                        shot,
                        frame,
                        ms,
                        timecode,
                        frame * 31,
                        0.8,
                        100,
                        90,
                        true,
                        text,
                        0.9f,
                        30.0,
                        1.0,
                        0.0,
                        0.0,
                        0,
                        0.0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        uri,
                        null,
                        null,
                        day);
        this.frames.add(row);
        writeJpeg(data.resolve(uri), color, text);
        Document d = Documents.frame(row);
        Map<String, Object> source = new HashMap<>(d.source());
        source.put("text_vector", HashingTestEmbedder.vector(text));
        String cluster = cluster(video, shot);
        if (cluster != null) {
            // What the job's cluster update of this shot merges into the document.
            for (Document update :
                    Documents.frameClusters(
                            new ClusterMemberRow(
                                    "default",
                                    DAY,
                                    cluster,
                                    0,
                                    video,
                                    shot,
                                    0.1,
                                    new long[] {frame}))) {
                source.putAll(update.source());
            }
        }
        if (image != null) {
            source.put("image_vector", image);
        }
        return new Document(d.id(), d.videoId(), source);
    }

    private static void writeJpeg(Path file, Color color, String text) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(160, 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 160, 90);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawString(text.split("\n")[0], 4, 45);
        g.dispose();
        ImageIO.write(img, "jpg", file.toFile());
    }

    public static void bulk(ElasticsearchConnection es, SearchIndex index, List<Document> docs)
            throws IOException {
        BulkRequest.Builder b = new BulkRequest.Builder().refresh(Refresh.True);
        for (Document d : docs) {
            b.operations(
                    op ->
                            op.index(
                                    ix ->
                                            ix.index(index.alias(es.config()))
                                                    .id(d.id())
                                                    .document(d.source())));
        }
        BulkResponse r = es.client().bulk(b.build());
        if (r.errors()) {
            throw new IllegalStateException("corpus not indexed: " + r.items());
        }
    }

    /** The text of the frames in a cluster, lower case: what its name may be drawn from. */
    public String clusterText(String clusterId) {
        StringBuilder out = new StringBuilder();
        for (FrameRow f : frames) {
            if (clusterId.equals(cluster(f.videoId(), f.shotIndex()))) {
                out.append(f.ocrText().toLowerCase(Locale.ROOT)).append('\n');
            }
        }
        return out.toString();
    }

    String frameId(String video, int shot, int k) {
        return frames.stream()
                .filter(f -> f.videoId().equals(video) && f.shotIndex() == shot)
                .skip(k)
                .findFirst()
                .map(f -> Documents.frameId(f.videoId(), f.shotIndex(), f.frame()))
                .orElseThrow();
    }
}
