package io.framewise.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.llmsim.LlmSimulator;
import io.framewise.testkit.samples.LabelledVideo;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.SampleVideos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexing job with frame description ({@code index --llm}) end to end: a generated video, the
 * project's LLM simulator failing on purpose over real HTTP, the tables read back with DuckDB.
 */
class IndexEnrichITCase {

    @TempDir static Path dir;
    static Path videos;
    static LabelledVideo lecture;

    @BeforeAll
    static void makeVideo() throws Exception {
        videos = Files.createDirectories(dir.resolve("videos"));
        lecture = SampleVideoWriter.write(SampleVideos.lecture(), videos);
    }

    private static String index(Path out, String llm, String... settings) {
        java.util.List<String> args =
                new java.util.ArrayList<>(
                        java.util.List.of(
                                "index",
                                videos.toString(),
                                "--out",
                                out.toString(),
                                "--parallelism",
                                "2",
                                "--llm",
                                llm,
                                "--set",
                                "llm.retry.initial-backoff=PT0.05S",
                                "--set",
                                "llm.retry.max-backoff=PT0.2S"));
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
        for (String table : new String[] {"videos", "frames", "failures", "llm_calls"}) {
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
    void everyKeyframeIsDescribedThroughRateLimitsAndServerErrors() throws Exception {
        Path out = dir.resolve("described");
        LlmSimulator.Options flaky =
                LlmSimulator.Options.wellBehaved(20).withFaults(0.2, 0.1, 0).withRetryAfterMs(100);
        String stdout;
        long requests;
        try (LlmSimulator sim = LlmSimulator.start(flaky)) {
            stdout =
                    index(
                            out,
                            sim.baseUrl().toString(),
                            "llm.retry.max-attempts=10",
                            "llm.price.framewise-sim=0.15,0.60");
            requests = sim.stats().requests();
            assertThat(sim.stats().rateLimited() + sim.stats().serverErrors()).isPositive();
        }
        assertThat(stdout).containsPattern("described\\s+\\d+").contains("llm_calls");
        try (Statement sql = duckdb(out)) {
            long frames = one(sql, "select count(*) from frames");
            assertThat(frames).isGreaterThanOrEqualTo(lecture.shots().size());
            assertThat(one(sql, "select count(description) from frames")).isEqualTo(frames);
            assertThat(one(sql, "select count(*) from frames where len(tags) = 0")).isZero();
            assertThat(one(sql, "select count(*) from llm_calls")).isEqualTo(frames);
            // Every request the simulator saw is an attempt in llm_calls; none unaccounted for.
            assertThat(one(sql, "select sum(attempts) from llm_calls")).isEqualTo(requests);
            // No failure at all: the failures table was not even written.
            assertThat(out.resolve("failures")).doesNotExist();
            assertThat(one(sql, "select count(*) from llm_calls where cost > 0 or cached"))
                    .isEqualTo(frames);
            ResultSet slide =
                    sql.executeQuery(
                            "select description, array_to_string(tags, ',') tags from frames"
                                    + " where shot_index = 0 order by frame limit 1");
            assertThat(slide.next()).isTrue();
            assertThat(slide.getString("description")).contains("text on screen");
            assertThat(slide.getString("tags")).contains("text");
        }
    }

    @Test
    void aProviderThatIsDownCostsTheDescriptionsNotTheIndex() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path out = dir.resolve("down");
        index(
                out,
                "http://127.0.0.1:" + port + "/v1",
                "llm.retry.max-attempts=2",
                "llm.deadline=PT10S");
        try (Statement sql = duckdb(out)) {
            assertThat(one(sql, "select count(*) from videos where status = 'ok'")).isEqualTo(1);
            long frames = one(sql, "select count(*) from frames");
            assertThat(frames).isGreaterThanOrEqualTo(lecture.shots().size());
            assertThat(one(sql, "select count(description) from frames")).isZero();
            assertThat(one(sql, "select count(tags) from frames")).isZero();
            // One failure row per keyframe, saying why: the connection was refused, or, once
            // refusals opened the circuit breaker, it would have stayed open past the deadline.
            assertThat(one(sql, "select count(*) from failures where stage = 'enrich'"))
                    .isEqualTo(frames);
            assertThat(
                            one(
                                    sql,
                                    "select count(*) from failures where stage = 'enrich'"
                                            + " and code = 'llm_connection'"))
                    .isPositive();
            assertThat(
                            one(
                                    sql,
                                    "select count(*) from failures where code not in"
                                            + " ('llm_connection', 'circuit_open')"))
                    .isZero();
            assertThat(one(sql, "select count(*) from llm_calls where status <> 'ok'"))
                    .isEqualTo(frames);
            // The OCR text is there all the same.
            assertThat(one(sql, "select count(ocr_text) from frames")).isPositive();
        }
    }
}
