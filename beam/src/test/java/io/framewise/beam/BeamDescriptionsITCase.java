package io.framewise.beam;

import static io.framewise.beam.ParquetQueries.query;
import static io.framewise.beam.ParquetQueries.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.jobs.JobEnvironment;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.jobs.graph.IndexJob;
import io.framewise.jobs.graph.LocalVideos;
import io.framewise.llmsim.LlmSimulator;
import io.framewise.pipeline.messages.DescribeTask;
import io.framewise.pipeline.video.VideoRef;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.PipelineResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frame description in the Beam backfill against the Flink job's: the project's LLM simulator over
 * real HTTP, both engines over the same generated prefix, their {@code frames} descriptions and
 * {@code llm_calls} rows compared.
 *
 * <p>Both engines share one description among the keyframes of one cache key (model, prompt
 * version, perceptual hash, OCR text): one keyframe asks (its row not {@code cached}), the others
 * take its answer ({@code cached}, no attempts, no tokens, no cost). Which one asks differs: the
 * first to arrive in the Flink job, the first by video id and frame in Beam. Where both picked the
 * same keyframe, every compared column must be equal; where not, the {@code cached} flags, tokens
 * and cost sit on other keyframes of the group, and the group's description is the one the
 * simulator gives another picture (keyframes with one perceptual hash may differ in colour), so
 * only what does not depend on the asker is compared there. Left out everywhere: {@code at} and
 * {@code latency_ms} (when and how fast the simulator answered) and the {@code dt} partition.
 */
class BeamDescriptionsITCase {

    @TempDir static Path dir;

    private static Path beamOut;
    private static Path flinkOut;
    private static long beamRequests;
    private static long flinkRequests;

    /** The price the runs are given, so that the cost column is compared too. */
    private static final String PRICE = "llm.price." + LlmSimulator.MODEL + "=0.15,0.60";

    @BeforeAll
    static void runBothEngines() throws Exception {
        Path in = dir.resolve("in");
        BackfillInputs.write(in);
        // A second copy of a video: its keyframes have the same pictures as the first's, so that
        // descriptions are shared across videos in both engines.
        Files.copy(
                in.resolve("slides-01.mkv"),
                Files.createDirectories(in.resolve("again")).resolve("slides-01.mkv"));
        beamOut = dir.resolve("beam");
        flinkOut = dir.resolve("flink");
        try (LlmSimulator sim = LlmSimulator.start(LlmSimulator.Options.wellBehaved(5))) {
            List<String> settings = List.of("llm.url=" + sim.baseUrl(), PRICE);
            assertThat(runBeam(in, beamOut, settings)).isEqualTo(PipelineResult.State.DONE);
            beamRequests = sim.stats().requests();
            runFlink(in, flinkOut, settings);
            flinkRequests = sim.stats().requests() - beamRequests;
        }
    }

    static PipelineResult.State runBeam(Path in, Path out, List<String> settings) {
        BackfillOptions options =
                BeamBackfillPipeline.options(
                        "--input=" + in,
                        "--output=" + out,
                        "--targetParallelism=2",
                        "--settings=" + String.join(",", settings));
        return BeamBackfillPipeline.create(options).run().waitUntilFinish();
    }

    /** The Flink job, as {@code framewise index} runs it, over the files a listing takes. */
    static void runFlink(Path in, Path out, List<String> settings) throws Exception {
        List<VideoRef> videos = BackfillInputs.listed(in);
        Properties props = new Properties();
        for (String s : settings) {
            int eq = s.indexOf('=');
            props.setProperty(s.substring(0, eq), s.substring(eq + 1));
        }
        FramewiseConfig config = FramewiseConfig.parse(props);
        StreamExecutionEnvironment env = JobEnvironment.create(2, Map.of(), config);
        IndexJob.of(new LocalVideos(videos), config, out.toString()).build(env);
        env.execute("framewise index");
    }

    /**
     * A keyframe's description ({@code frames}) and its {@code llm_calls} row, as one engine wrote
     * them.
     */
    record Described(
            String videoId,
            long frame,
            String cacheKey,
            String description,
            String tags,
            String model,
            String promptVersion,
            String status,
            int attempts,
            int inputTokens,
            int outputTokens,
            Double cost,
            boolean cached) {

        String id() {
            return videoId + "@" + frame;
        }

        /** What does not depend on which keyframe of the group asked. */
        List<Object> whateverAsked() {
            return Arrays.asList(id(), cacheKey, model, promptVersion, status);
        }
    }

    /** Each keyframe of {@code out} with its call, by video and frame. */
    static Map<String, Described> described(Path out) throws SQLException {
        // One llm_calls row per frames row, none without one.
        assertThat(
                        query(
                                "select (select count(*) from "
                                        + table(out, "frames")
                                        + "), count(*), count(distinct (video_id, frame)) from "
                                        + table(out, "llm_calls")))
                .singleElement()
                .satisfies(c -> assertThat(c.get(1)).isEqualTo(c.get(0)).isEqualTo(c.get(2)));
        Map<String, Described> all = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = db.createStatement();
                ResultSet r =
                        sql.executeQuery(
                                "select f.video_id, f.frame, f.phash, f.ocr_text, f.description,"
                                        + " array_to_string(f.tags, '|'), c.model,"
                                        + " c.prompt_version, c.status, c.attempts,"
                                        + " c.input_tokens, c.output_tokens, c.cost, c.cached"
                                        + " from "
                                        + table(out, "frames")
                                        + " f join "
                                        + table(out, "llm_calls")
                                        + " c on f.video_id = c.video_id and f.frame = c.frame")) {
            while (r.next()) {
                String model = r.getString(7);
                String prompt = r.getString(8);
                Described d =
                        new Described(
                                r.getString(1),
                                r.getLong(2),
                                DescribeTask.cacheKey(model, prompt, r.getLong(3), r.getString(4)),
                                r.getString(5),
                                r.getString(6),
                                model,
                                prompt,
                                r.getString(9),
                                r.getInt(10),
                                r.getInt(11),
                                r.getInt(12),
                                (Double) r.getObject(13),
                                r.getBoolean(14));
                assertThat(all.put(d.id(), d)).as(d.id()).isNull();
            }
        }
        return all;
    }

    /** The keyframes by cache key, each group in video id and frame order. */
    static Map<String, List<Described>> groups(Map<String, Described> all) {
        return all.values().stream()
                .sorted(
                        Comparator.comparing(Described::videoId)
                                .thenComparingLong(Described::frame))
                .collect(
                        Collectors.groupingBy(
                                Described::cacheKey, TreeMap::new, Collectors.toList()));
    }

    /**
     * In each group one keyframe asked, once (the simulator always answers), and the others took
     * its description as it is, for nothing.
     */
    static void assertShared(String engine, Map<String, List<Described>> groups) {
        for (List<Described> group : groups.values()) {
            List<Described> asked = group.stream().filter(d -> !d.cached()).toList();
            assertThat(asked).as(engine + " " + group).hasSize(1);
            Described leader = asked.get(0);
            assertThat(leader.attempts()).as(engine + " " + leader).isEqualTo(1);
            assertThat(leader.inputTokens()).as(engine + " " + leader).isPositive();
            assertThat(leader.outputTokens()).as(engine + " " + leader).isPositive();
            assertThat(leader.cost()).as(engine + " " + leader).isPositive();
            assertThat(leader.description()).as(engine + " " + leader).isNotBlank();
            assertThat(leader.tags()).as(engine + " " + leader).isNotBlank();
            for (Described d : group) {
                assertThat(d.status()).as(engine + " " + d).isEqualTo("ok");
                assertThat(d.description()).as(engine + " " + d).isEqualTo(leader.description());
                assertThat(d.tags()).as(engine + " " + d).isEqualTo(leader.tags());
                if (d != leader) {
                    assertThat(List.of(d.attempts(), d.inputTokens(), d.outputTokens()))
                            .as(engine + " " + d)
                            .containsOnly(0);
                    assertThat(d.cost()).as(engine + " " + d).isZero();
                }
            }
        }
    }

    @Test
    void descriptionsAndCallsEqualTheFlinkJobsUpToWhichKeyframeAsked() throws Exception {
        Map<String, Described> beam = described(beamOut);
        Map<String, Described> flink = described(flinkOut);
        assertThat(beam).isNotEmpty();
        assertThat(beam.keySet()).isEqualTo(flink.keySet());
        Map<String, List<Described>> beamGroups = groups(beam);
        Map<String, List<Described>> flinkGroups = groups(flink);
        assertThat(beamGroups.keySet()).isEqualTo(flinkGroups.keySet());
        int exactly = 0;
        for (var group : beamGroups.entrySet()) {
            List<Described> b = group.getValue();
            List<Described> f = flinkGroups.get(group.getKey());
            // Beam's asker is the group's first keyframe, on every run.
            assertThat(b.get(0).cached()).as("beam " + b.get(0)).isFalse();
            boolean sameAsker = !f.get(0).cached();
            for (int i = 0; i < b.size(); i++) {
                if (sameAsker) {
                    assertThat(b.get(i)).as(b.get(i).id()).isEqualTo(f.get(i));
                    exactly++;
                } else {
                    assertThat(b.get(i).whateverAsked()).isEqualTo(f.get(i).whateverAsked());
                }
            }
        }
        assertShared("beam", beamGroups);
        assertShared("flink", flinkGroups);
        // Every request the simulator saw is an attempt in llm_calls: nothing asked twice, nothing
        // unaccounted for.
        assertThat(beam.values().stream().mapToLong(Described::attempts).sum())
                .isEqualTo(beamRequests);
        assertThat(flink.values().stream().mapToLong(Described::attempts).sum())
                .isEqualTo(flinkRequests);
        // Keyframes whose picture is their own are compared column by column (their asker is
        // themselves in both engines), not only by what sharing leaves alike.
        assertThat(exactly).isPositive();
        // The copy's keyframes share with the original's: sharing is exercised, in Beam by a
        // group of several keyframes and one call.
        assertThat(beamGroups.values()).anySatisfy(g -> assertThat(g).hasSizeGreaterThan(1));
        // The simulator describes what it sees: not one description for all.
        assertThat(beam.values().stream().map(Described::description).distinct().count())
                .isGreaterThan(2);
    }

    @Test
    void aProviderThatIsDownCostsTheDescriptionsNotTheIndexAsInTheFlinkJob() throws Exception {
        Path in = dir.resolve("down-in");
        Files.createDirectories(in);
        Files.copy(dir.resolve("in/slides-01.mkv"), in.resolve("slides-01.mkv"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> settings =
                List.of(
                        "llm.url=http://127.0.0.1:" + port + "/v1",
                        "llm.retry.max-attempts=2",
                        "llm.retry.initial-backoff=PT0.05S",
                        "llm.deadline=PT10S");
        Path beam = dir.resolve("down-beam");
        Path flink = dir.resolve("down-flink");
        assertThat(runBeam(in, beam, settings)).isEqualTo(PipelineResult.State.DONE);
        runFlink(in, flink, settings);

        assertThat(query("select status from " + table(beam, "videos")))
                .containsExactly(List.of("ok"));
        long frames =
                Long.parseLong(
                        query("select count(*) from " + table(beam, "frames")).get(0).get(0));
        assertThat(frames).isPositive();
        assertThat(query("select count(description), count(tags) from " + table(beam, "frames")))
                .containsExactly(List.of("0", "0"));
        // Refused connections, or the circuit breaker they opened: the codes the Flink job gives.
        String codes = " in ('llm_connection', 'circuit_open')";
        assertThat(
                        query(
                                "select count(*), count(*) filter (where status"
                                        + codes
                                        + " and not cached and cost is null) from "
                                        + table(beam, "llm_calls")))
                .containsExactly(List.of(String.valueOf(frames), String.valueOf(frames)));
        assertThat(
                        query(
                                "select count(*), count(distinct input), count(*) filter (where"
                                        + " stage = 'enrich' and code"
                                        + codes
                                        + " and attempt >= 1 and input like 'keyframe:%') from "
                                        + table(beam, "failures")))
                .containsExactly(
                        List.of(
                                String.valueOf(frames),
                                String.valueOf(frames),
                                String.valueOf(frames)));
        // The same keyframes failed, with the same rows but for the code, the attempts and the
        // message (which of the two a keyframe gets depends on when it asked) and the time.
        for (String sql :
                List.of(
                        "select video_id, frame, model, prompt_version, cached, cost from %s",
                        "select video_id, uri, stage, input from %s")) {
            String t = sql.contains("uri") ? "failures" : "llm_calls";
            List<List<String>> b = sorted(query(String.format(sql, table(beam, t))));
            assertThat(b)
                    .as(t)
                    .hasSize((int) frames)
                    .isEqualTo(sorted(query(String.format(sql, table(flink, t)))));
        }
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(List::toString));
        return copy;
    }
}
