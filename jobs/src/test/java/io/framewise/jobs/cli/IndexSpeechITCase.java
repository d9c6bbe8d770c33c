package io.framewise.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.connectors.elasticsearch.SearchIndex;
import io.framewise.jobs.NotebookViews;
import io.framewise.jobs.graph.SearchIndices;
import io.framewise.llmsim.LlmSimulator;
import io.framewise.llmsim.Transcripts;
import io.framewise.search.SearchQuery;
import io.framewise.search.SearchService;
import io.framewise.search.SpokenLines;
import io.framewise.search.Views;
import io.framewise.testkit.elasticsearch.LocalElasticsearch;
import io.framewise.testkit.samples.SpeakingVideo;
import io.framewise.testkit.samples.SpeakingVideo.Line;
import io.framewise.testkit.samples.SpeakingVideo.Spec;
import io.framewise.testkit.samples.SpeakingVideo.Spoken;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexing job with speech ({@code index --transcribe}) end to end on a local MiniCluster:
 * generated videos that speak known sentences (espeak-ng), the project's simulator transcribing
 * them from a transcript file over real HTTP while failing on purpose, the tables read back with
 * DuckDB.
 */
class IndexSpeechITCase {

    @TempDir static Path dir;
    static Path videos;
    static List<Spoken> spoken;
    static Path transcripts;

    @BeforeAll
    static void makeVideos() throws Exception {
        assumeTrue(SpeakingVideo.available(), "espeak-ng is not installed: no speech to index");
        videos = Files.createDirectories(dir.resolve("videos"));
        // Speech in the middle of shot 0, from shot 1 across the cut at 9 s, a long silence and a
        // tone in shot 2, speech in shot 3.
        spoken =
                SpeakingVideo.write(
                        new Spec(
                                20_000,
                                List.of(5_000L, 9_000L, 15_000L),
                                List.of(
                                        new Line(1_000, "Welcome to the quarterly planning talk."),
                                        new Line(7_600, "The library closes at nine tonight."),
                                        new Line(16_000, "Bring your questions to the end.")),
                                List.of(new SpeakingVideo.Sweep(11_500, 14_000, 300, 3000)),
                                true),
                        videos.resolve("talk.mp4"));
        // The same audio again: its chunks are transcribed once.
        Files.copy(videos.resolve("talk.mp4"), videos.resolve("talk-again.mp4"));
        SpeakingVideo.write(
                new Spec(4_000, List.of(2_000L), List.of(), List.of(), false),
                videos.resolve("mute.mp4"));
        List<Transcripts.Line> lines = new ArrayList<>();
        for (String video : List.of("talk.mp4", "talk-again.mp4")) {
            spoken.forEach(
                    s -> lines.add(new Transcripts.Line(video, s.startMs(), s.endMs(), s.text())));
        }
        transcripts = dir.resolve("transcripts.tsv");
        Transcripts.write(transcripts, lines);
    }

    private static String index(Path out, String url, String... settings) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "index",
                                videos.toString(),
                                "--out",
                                out.toString(),
                                "--parallelism",
                                "2",
                                "--transcribe",
                                url,
                                "--set",
                                "speech.retry.initial-backoff=PT0.05S",
                                "--set",
                                "speech.retry.max-backoff=PT0.2S",
                                "--set",
                                "speech.timeout=PT2S"));
        for (String s : settings) {
            args.add("--set");
            args.add(s);
        }
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status =
                Framewise.run(args.toArray(String[]::new), new PrintWriter(o), new PrintWriter(e));
        assertThat(e.toString()).isEmpty();
        assertThat(status).isZero();
        return o.toString();
    }

    private static Statement duckdb(Path out) throws Exception {
        Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = db.createStatement();
        for (String table :
                new String[] {
                    "videos", "shots", "frames", "failures", "transcripts", "speech_calls"
                }) {
            if (Files.isDirectory(out.resolve(table))) {
                sql.execute(
                        "create view "
                                + table
                                + " as select * from read_parquet('"
                                + out.resolve(table + "/*/*.parquet")
                                + "', hive_partitioning = true)");
            }
        }
        return sql;
    }

    private static long one(Statement sql, String query) throws Exception {
        ResultSet r = sql.executeQuery(query);
        assertThat(r.next()).isTrue();
        return r.getLong(1);
    }

    @Test
    void eachSentenceIsATranscriptRowAtItsMomentThroughFaults() throws Exception {
        Path out = dir.resolve("spoken");
        LlmSimulator.Options flaky =
                LlmSimulator.Options.wellBehaved(30)
                        .withFaults(0.10, 0.05, 0.02)
                        .withRetryAfterMs(100);
        String stdout;
        long requests;
        try (LlmSimulator sim = LlmSimulator.start(flaky)) {
            sim.transcripts(Transcripts.read(transcripts));
            stdout =
                    index(
                            out,
                            sim.baseUrl().toString(),
                            "speech.retry.max-attempts=10",
                            "speech.price-per-minute=0.006");
            requests = sim.stats().requests();
        }
        assertThat(stdout).contains("Transcribing speech with").contains("transcripts");
        try (Statement sql = duckdb(out)) {
            assertThat(one(sql, "select count(*) from videos where status = 'ok'")).isEqualTo(3);
            // Every chunk is a speech_calls row, transcribed or from the cache; none failed.
            long calls = one(sql, "select count(*) from speech_calls");
            assertThat(calls).isPositive();
            assertThat(one(sql, "select count(*) from speech_calls where status <> 'ok'")).isZero();
            assertThat(one(sql, "select sum(attempts) from speech_calls")).isEqualTo(requests);
            // The copy's audio is the same: each of its chunks came from the cache.
            assertThat(one(sql, "select count(*) from speech_calls where cached"))
                    .isEqualTo(calls / 2);
            assertThat(one(sql, "select count(*) from speech_calls where not cached and cost > 0"))
                    .isEqualTo(calls / 2);
            for (String video : List.of("talk-", "talk-again-")) {
                ResultSet r =
                        sql.executeQuery(
                                "select t.start_ms, t.end_ms, t.text, t.shot_index, t.timecode,"
                                        + " t.language from transcripts t where t.video_id like '"
                                        + video
                                        + "%' and t.video_id not like '"
                                        + (video.equals("talk-") ? "talk-again-" : "x")
                                        + "%' order by t.start_ms");
                int[] shots = {0, 1, 3};
                for (int i = 0; i < spoken.size(); i++) {
                    assertThat(r.next()).as(video + " sentence " + i).isTrue();
                    Spoken s = spoken.get(i);
                    assertThat(r.getString("text")).isEqualTo(s.text());
                    assertThat(r.getLong("start_ms"))
                            .isBetween(s.startMs() - 150, s.startMs() + 150);
                    assertThat(r.getLong("end_ms")).isBetween(s.endMs() - 150, s.endMs() + 150);
                    assertThat(r.getInt("shot_index")).isEqualTo(shots[i]);
                    assertThat(r.getString("language")).isEqualTo("en");
                    assertThat(r.getString("timecode")).matches("\\d\\d:\\d\\d:\\d\\d[:;]\\d\\d");
                }
                assertThat(r.next()).isFalse();
            }
            // The shot's spoken text is on its row and its keyframes' rows (and so embedded).
            ResultSet shot =
                    sql.executeQuery(
                            "select speech from shots where video_id like 'talk-%' and shot_index"
                                    + " = 1 and video_id not like 'talk-again-%'");
            assertThat(shot.next()).isTrue();
            assertThat(shot.getString(1)).isEqualTo("The library closes at nine tonight.");
            assertThat(
                            one(
                                    sql,
                                    "select count(*) from frames where speech like '%library%'"
                                            + " and shot_index = 1"))
                    .isPositive();
            assertThat(
                            one(
                                    sql,
                                    "select count(*) from shots where shot_index = 2 and speech is not null"))
                    .isZero();
            ResultSet v =
                    sql.executeQuery(
                            "select video_id, speech_seconds, language from videos order by"
                                    + " video_id");
            while (v.next()) {
                if (v.getString(1).startsWith("mute-")) {
                    assertThat(v.getObject(2)).isNull();
                } else {
                    assertThat(v.getDouble(2)).isBetween(5.0, 9.0);
                    assertThat(v.getString(3)).isEqualTo("en");
                }
            }
            assertThat(one(sql, "select count(*) from transcripts where video_id like 'mute-%'"))
                    .isZero();
        }
        // The notebooks' empty views have the columns of the tables written here.
        NotebookViews views = new NotebookViews(Path.of("..", "notebooks", "views.sql"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = db.createStatement()) {
            for (String name :
                    List.of("videos", "shots", "frames", "transcripts", "speech_calls")) {
                assertThat(NotebookViews.written(out, name)).as(name).isTrue();
                sql.execute(
                        views.table(name).replace("${DATA_DIR}", out.toAbsolutePath().toString()));
                Map<String, String> real = columns(sql, name);
                sql.execute(views.empty(name));
                assertThat(columns(sql, name)).as("empty view of " + name).isEqualTo(real);
            }
            // And the speech notebook's words per minute runs on them.
            sql.execute(
                    views.table("videos").replace("${DATA_DIR}", out.toAbsolutePath().toString()));
            sql.execute(
                    views.table("transcripts")
                            .replace("${DATA_DIR}", out.toAbsolutePath().toString()));
            ResultSet wpm =
                    sql.executeQuery(
                            "select sum(len(string_split(trim(t.text), ' '))) / nullif(any_value("
                                    + "v.speech_seconds) / 60.0, 0) from transcripts t join videos"
                                    + " v using (video_id) group by t.video_id");
            assertThat(wpm.next()).isTrue();
            assertThat(wpm.getDouble(1)).isBetween(60.0, 300.0);
        }
    }

    private static Map<String, String> columns(Statement sql, String view) throws Exception {
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        ResultSet r = sql.executeQuery("describe " + view);
        while (r.next()) {
            columns.put(r.getString("column_name"), r.getString("column_type"));
        }
        return columns;
    }

    @Test
    void aSpokenPhraseFindsItsVideoAtTheMomentItWasSaid() throws Exception {
        String prefix = "speech-test-";
        Path out = dir.resolve("searched");
        try (LlmSimulator sim = LlmSimulator.start(LlmSimulator.Options.wellBehaved(10))) {
            sim.transcripts(Transcripts.read(transcripts));
            index(
                    out,
                    sim.baseUrl().toString(),
                    "es.url=" + LocalElasticsearch.shared().url(),
                    "es.index-prefix=" + prefix);
        }
        Properties p = new Properties();
        p.setProperty("es.url", LocalElasticsearch.shared().url());
        p.setProperty("es.index-prefix", prefix);
        ElasticsearchConfig es = ElasticsearchConfig.from(p);
        Map<SearchIndex, Long> counts = SearchIndices.counts(es); // refreshes the indices
        assertThat(counts.get(SearchIndex.TRANSCRIPTS)).isEqualTo(2L * spoken.size());
        Spoken library = spoken.get(1);
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es);
                SearchService search = new SearchService(c, null)) {
            List<SpokenLines.Line> lines =
                    search.spokenLines().search("library closes at nine", null, 10);
            assertThat(lines).hasSize(2);
            for (SpokenLines.Line line : lines) {
                assertThat(line.videoId()).startsWith("talk-");
                assertThat(line.text()).isEqualTo(library.text());
                assertThat(line.startMs())
                        .isBetween(library.startMs() - 150, library.startMs() + 150);
                assertThat(line.shotIndex()).isEqualTo(1);
                assertThat(line.highlight()).contains("<em>library closes at nine</em>");
            }
            // The whole transcript of one video, in time order.
            List<SpokenLines.Line> transcript =
                    search.spokenLines().transcript(lines.get(0).videoId());
            assertThat(transcript)
                    .extracting(SpokenLines.Line::text)
                    .containsExactlyElementsOf(spoken.stream().map(Spoken::text).toList());
            // The frames search finds the shot where it is said, through its spoken text.
            Views.Hit top =
                    search.search(SearchQuery.of("library closes at nine")).results().get(0);
            assertThat(top.shot()).isEqualTo(1);
            assertThat(top.title()).startsWith("talk");
        }
    }

    @Test
    void aServerThatIsDownCostsTheWordsNotTheIndex() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path out = dir.resolve("down");
        index(
                out,
                "http://127.0.0.1:" + port + "/v1",
                "speech.retry.max-attempts=2",
                "speech.deadline=PT5S",
                "speech.async.timeout=PT10S");
        try (Statement sql = duckdb(out)) {
            assertThat(one(sql, "select count(*) from videos where status = 'ok'")).isEqualTo(3);
            long calls = one(sql, "select count(*) from speech_calls");
            assertThat(calls).isPositive();
            assertThat(one(sql, "select count(*) from failures where stage = 'speech'"))
                    .isEqualTo(one(sql, "select count(*) from speech_calls where status <> 'ok'"));
            assertThat(out.resolve("transcripts")).doesNotExist();
            assertThat(one(sql, "select count(*) from frames")).isPositive();
        }
    }
}
