package io.framewise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.llmsim.LlmSimulator;
import io.framewise.pipeline.video.VideoRef;
import io.framewise.testkit.samples.LabelledVideo;
import io.framewise.testkit.samples.SampleSpec;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.SampleVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysts' notebooks against tables the job produced: the indexing job runs once on generated
 * videos (a lecture, a re-encoded and resized copy of it, a portrait clip, a broken file), with
 * frame descriptions from the project's LLM simulator so that every table is written, then every
 * {@code sql} cell of every notebook runs through DuckDB's JDBC driver on the views the notebooks
 * create, so no notebook drifts from the schema. The aggregated tables (scenes, video summaries,
 * near-duplicates, clusters) are checked on the same run.
 */
class NotebooksITCase {

    static final Path NOTEBOOKS = Path.of("..", "notebooks");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;
    static Path out;
    static LabelledVideo lecture;
    static LabelledVideo copy;
    static LabelledVideo portrait;

    @BeforeAll
    static void indexOnce() throws Exception {
        Path videos = Files.createDirectories(dir.resolve("videos"));
        out = dir.resolve("out");
        SampleSpec original = SampleVideos.lecture();
        lecture = SampleVideoWriter.write(original, videos);
        // The same lecture re-encoded: another codec, container and size.
        copy =
                SampleVideoWriter.write(
                        new SampleSpec(
                                "lecture-copy",
                                480,
                                270,
                                30,
                                1,
                                "mp4",
                                "libopenh264",
                                45,
                                2,
                                0,
                                false,
                                original.scenes()),
                        videos);
        portrait = SampleVideoWriter.write(SampleVideos.portrait(), videos);
        Files.writeString(videos.resolve("notes.mp4"), "not a video\n".repeat(50));
        List<VideoRef> refs = new ArrayList<>();
        for (String file : List.of(lecture.file(), copy.file(), portrait.file(), "notes.mp4")) {
            refs.add(VideoRef.of(videos.resolve(file)));
        }
        Properties settings = new Properties();
        // One window for the whole run, however the clock falls: windows are epoch-aligned.
        settings.setProperty("aggregate.clusters.window", "P3650D");
        settings.setProperty("llm.price.framewise-sim", "0.15,0.60");
        try (LlmSimulator llm = LlmSimulator.start(LlmSimulator.Options.wellBehaved(5))) {
            settings.setProperty("llm.url", llm.baseUrl().toString());
            LocalIndex.run(refs, out, 2, settings);
        }
    }

    private static Connection duckdb() throws Exception {
        Connection db = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement sql = db.createStatement()) {
            new NotebookViews(NOTEBOOKS.resolve("views.sql")).create(sql, out);
        }
        return db;
    }

    private static List<Path> notebooks() throws Exception {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    private static String source(JsonNode cell) {
        JsonNode s = cell.get("source");
        if (s.isTextual()) {
            return s.asText();
        }
        StringBuilder b = new StringBuilder();
        s.forEach(line -> b.append(line.asText()));
        return b.toString();
    }

    private static boolean taggedSql(JsonNode cell) {
        for (JsonNode tag : cell.path("metadata").path("tags")) {
            if (tag.asText().equals("sql")) {
                return true;
            }
        }
        return false;
    }

    /** A sql cell: its result's name and its query, without the {@code %%sql NAME} line. */
    record SqlCell(Path notebook, String name, String query) {}

    private static List<SqlCell> sqlCells() throws Exception {
        List<SqlCell> cells = new ArrayList<>();
        for (Path nb : notebooks()) {
            for (JsonNode cell : JSON.readTree(nb.toFile()).get("cells")) {
                if (taggedSql(cell)) {
                    String text = source(cell);
                    int newline = text.indexOf('\n');
                    cells.add(
                            new SqlCell(
                                    nb,
                                    text.substring("%%sql".length(), newline).trim(),
                                    text.substring(newline + 1)));
                }
            }
        }
        return cells;
    }

    @Test
    void notebooksAreValidAndTagEveryQueryCell() throws Exception {
        List<Path> notebooks = notebooks();
        assertThat(notebooks).hasSizeGreaterThanOrEqualTo(5);
        for (Path nb : notebooks) {
            JsonNode root = JSON.readTree(nb.toFile());
            assertThat(root.get("nbformat").asInt()).as(nb + " nbformat").isEqualTo(4);
            assertThat(root.get("nbformat_minor").asInt()).isGreaterThanOrEqualTo(4);
            assertThat(root.path("metadata").path("kernelspec").path("language").asText())
                    .isEqualTo("python");
            List<JsonNode> code = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (JsonNode cell : root.get("cells")) {
                assertThat(cell.get("cell_type").asText()).isIn("markdown", "code", "raw");
                assertThat(cell.has("metadata") && cell.has("source")).isTrue();
                assertThat(ids.add(cell.path("id").asText())).as(nb + " cell ids").isTrue();
                if (cell.get("cell_type").asText().equals("code")) {
                    assertThat(cell.has("outputs") && cell.has("execution_count")).isTrue();
                    code.add(cell);
                }
            }
            // The first code cell creates the views over DATA_DIR, from views.sql.
            assertThat(source(code.get(0)))
                    .contains("DATA_DIR = framewise_notebook.data_dir()")
                    .contains("framewise_notebook.connect(DATA_DIR)");
            int queries = 0;
            for (JsonNode cell : code.subList(1, code.size())) {
                String text = source(cell);
                boolean query = text.startsWith("%%sql");
                // A query cell is tagged, a tagged cell is a query; other cells chart and show.
                assertThat(taggedSql(cell)).as(nb + ": " + text).isEqualTo(query);
                assertThat(text).as(nb + ": queries only in sql cells").doesNotContain("con.");
                queries += query ? 1 : 0;
            }
            assertThat(queries).as(nb + " sql cells").isGreaterThanOrEqualTo(3);
        }
        assertThat(Files.readString(NOTEBOOKS.resolve("framewise_notebook.py")))
                .contains("views.sql");
    }

    @Test
    void everySqlCellRunsOnTheViewsOverTheJobsTables() throws Exception {
        List<SqlCell> cells = sqlCells();
        NotebookViews views = new NotebookViews(NOTEBOOKS.resolve("views.sql"));
        try (Connection db = duckdb();
                Statement sql = db.createStatement()) {
            Map<String, Long> rowsOf = new HashMap<>();
            for (String view : views.names()) {
                ResultSet r = sql.executeQuery("select count(*) from " + view);
                r.next();
                rowsOf.put(view, r.getLong(1));
            }
            for (SqlCell cell : cells) {
                Set<String> used = relationsUsed(sql, cell);
                assertThat(views.names()).as(cell + " uses only the views").containsAll(used);
                int columns;
                int rows = 0;
                try (ResultSet r = sql.executeQuery(cell.query())) {
                    columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        rows++;
                    }
                } catch (SQLException e) {
                    throw new AssertionError(
                            cell.notebook() + " cell " + cell.name() + ": " + e.getMessage(), e);
                }
                assertThat(columns).as(cell.name()).isPositive();
                boolean dataThere = used.stream().allMatch(v -> rowsOf.get(v) > 0);
                if (dataThere) {
                    assertThat(rows)
                            .as(cell.notebook() + " cell " + cell.name() + " rows")
                            .isPositive();
                }
            }
        }
    }

    /**
     * The tables and table functions a query reads, from DuckDB's parse tree, less its own common
     * table expressions: reading a file directly would show as a table function or a file name.
     */
    private static Set<String> relationsUsed(Statement sql, SqlCell cell) throws Exception {
        ResultSet r =
                sql.executeQuery(
                        "select json_serialize_sql('" + cell.query().replace("'", "''") + "')");
        r.next();
        JsonNode tree = JSON.readTree(r.getString(1));
        assertThat(tree.path("error").asBoolean()).as(cell + " parses: " + tree).isFalse();
        Set<String> relations = new HashSet<>();
        Set<String> ctes = new HashSet<>();
        collect(tree, relations, ctes);
        relations.removeAll(ctes);
        return relations;
    }

    private static void collect(JsonNode node, Set<String> relations, Set<String> ctes) {
        if (node.isObject()) {
            String type = node.path("type").asText();
            if (type.equals("BASE_TABLE")) {
                relations.add(node.path("table_name").asText());
            } else if (type.equals("TABLE_FUNCTION")) {
                relations.add(
                        "table function " + node.path("function").path("function_name").asText());
            }
            for (JsonNode entry : node.path("cte_map").path("map")) {
                ctes.add(entry.path("key").asText());
            }
        }
        node.forEach(child -> collect(child, relations, ctes));
    }

    @Test
    void emptyViewsHaveTheColumnsOfTheTablesTheJobWrote() throws Exception {
        NotebookViews views = new NotebookViews(NOTEBOOKS.resolve("views.sql"));
        List<String> missing = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = db.createStatement()) {
            for (String name : views.names()) {
                if (!NotebookViews.written(out, name)) {
                    missing.add(name);
                    continue;
                }
                sql.execute(
                        views.table(name).replace("${DATA_DIR}", out.toAbsolutePath().toString()));
                Map<String, String> real = columns(sql, name);
                sql.execute(views.empty(name));
                assertThat(columns(sql, name))
                        .as("empty view of " + name)
                        .containsExactlyEntriesOf(real);
            }
        }
        // Descriptions are on: the job wrote every table but speech's, whose sample videos have no
        // audio (IndexSpeechITCase checks the speech views against the tables it writes).
        assertThat(missing).containsExactlyInAnyOrder("transcripts", "speech_calls");
    }

    private static Map<String, String> columns(Statement sql, String view) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        ResultSet r = sql.executeQuery("describe " + view);
        while (r.next()) {
            columns.put(r.getString("column_name"), r.getString("column_type"));
        }
        return columns;
    }

    private static List<String> strings(Array array) throws SQLException {
        List<String> list = new ArrayList<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                list.add((String) o);
            }
        }
        return list;
    }

    @Test
    void scenesSummariesDuplicatesAndClustersComeFromTheShots() throws Exception {
        try (Connection db = duckdb();
                Statement sql = db.createStatement()) {
            Map<String, String> ids = new HashMap<>();
            ResultSet v =
                    sql.executeQuery(
                            "select video_id, uri, status, shots, scenes, text_coverage, top_keywords,"
                                    + " dominant_colours, quality_p10, quality_p50, quality_p90,"
                                    + " enrichment_cost, near_duplicates from videos");
            Map<String, List<String>> duplicates = new HashMap<>();
            while (v.next()) {
                String file =
                        Path.of(java.net.URI.create(v.getString("uri"))).getFileName().toString();
                ids.put(file, v.getString("video_id"));
                if (v.getString("status").equals("failed")) {
                    assertThat(v.getObject("scenes")).as(file).isNull();
                    continue;
                }
                assertThat(v.getInt("scenes")).as(file).isBetween(1, v.getInt("shots"));
                assertThat(strings(v.getArray("dominant_colours"))).as(file).isNotEmpty();
                // Every keyframe was described at a price.
                assertThat(v.getDouble("enrichment_cost")).as(file).isPositive();
                assertThat(v.getDouble("quality_p10"))
                        .isLessThanOrEqualTo(v.getDouble("quality_p50"));
                assertThat(v.getDouble("quality_p50"))
                        .isLessThanOrEqualTo(v.getDouble("quality_p90"));
                duplicates.put(file, strings(v.getArray("near_duplicates")));
                if (file.equals(lecture.file())) {
                    // Every slide of the lecture has a title.
                    assertThat(v.getDouble("text_coverage")).isGreaterThan(0.8);
                    // Words read on screen make it among the keywords, beside the descriptions'.
                    Set<String> onScreen = new HashSet<>();
                    for (LabelledVideo.ShotText shot : lecture.shots()) {
                        for (String line : shot.text()) {
                            for (String word : line.toLowerCase().split("[^a-z]+")) {
                                if (word.length() >= 4) {
                                    onScreen.add(word);
                                }
                            }
                        }
                    }
                    List<String> keywords = strings(v.getArray("top_keywords"));
                    assertThat(keywords).hasSize(10);
                    assertThat(keywords.stream().filter(onScreen::contains).count())
                            .as("keywords read on screen among " + keywords)
                            .isGreaterThanOrEqualTo(2);
                }
            }
            assertThat(ids).containsKeys(lecture.file(), copy.file(), portrait.file(), "notes.mp4");

            // The copy and the original: whichever came second lists the first; nothing else.
            String lectureId = ids.get(lecture.file());
            String copyId = ids.get(copy.file());
            List<String> ofLecture = duplicates.get(lecture.file());
            List<String> ofCopy = duplicates.get(copy.file());
            assertThat(ofLecture.isEmpty() || ofCopy.isEmpty()).as("only the later one").isTrue();
            if (ofLecture.isEmpty()) {
                assertThat(ofCopy).containsExactly(lectureId);
            } else {
                assertThat(ofLecture).containsExactly(copyId);
            }
            assertThat(duplicates.get(portrait.file())).isEmpty();

            // Scenes tile each video's shots.
            ResultSet gaps =
                    sql.executeQuery(
                            "select v.video_id, v.shots, count(*) scenes, min(s.first_shot) first,"
                                    + " max(s.last_shot) last, sum(s.last_shot - s.first_shot + 1) covered"
                                    + " from scenes s join videos v using (video_id) group by all");
            int videosWithScenes = 0;
            while (gaps.next()) {
                videosWithScenes++;
                assertThat(gaps.getInt("first")).isZero();
                assertThat(gaps.getInt("last")).isEqualTo(gaps.getInt("shots") - 1);
                assertThat(gaps.getInt("covered")).isEqualTo(gaps.getInt("shots"));
            }
            assertThat(videosWithScenes).isEqualTo(3);

            // Every shot is in exactly one cluster of the (one) window; the copy's shots go with
            // the original's.
            ResultSet membership =
                    sql.executeQuery(
                            "select count(*) shots, count(distinct m.cluster_id) clusters,"
                                    + " (select count(*) from shots) all_shots,"
                                    + " count(distinct (m.video_id, m.shot_index)) distinct_shots"
                                    + " from cluster_members m");
            membership.next();
            assertThat(membership.getInt("shots")).isEqualTo(membership.getInt("all_shots"));
            assertThat(membership.getInt("distinct_shots")).isEqualTo(membership.getInt("shots"));
            assertThat(membership.getInt("clusters")).isGreaterThan(1);
            ResultSet together =
                    sql.executeQuery(
                            "select count(*) filter (where a.cluster_id = b.cluster_id) same, count(*) pairs"
                                    + " from cluster_members a join cluster_members b using (shot_index)"
                                    + " where a.video_id = '"
                                    + lectureId
                                    + "' and b.video_id = '"
                                    + copyId
                                    + "'");
            together.next();
            assertThat(together.getInt("pairs")).isEqualTo(lecture.shots().size());
            assertThat(together.getInt("same")).isGreaterThanOrEqualTo(lecture.shots().size() - 1);
            // A video's enrichment cost is what its keyframes' descriptions cost.
            ResultSet costs =
                    sql.executeQuery(
                            "select count(*) videos, count(*) filter (where abs(v.enrichment_cost -"
                                    + " c.cost) < 1e-9) equal from videos v join (select video_id,"
                                    + " sum(cost) cost from llm_calls group by video_id) c using"
                                    + " (video_id)");
            costs.next();
            assertThat(costs.getInt("videos")).isEqualTo(3);
            assertThat(costs.getInt("equal")).isEqualTo(3);
            ResultSet failures =
                    sql.executeQuery(
                            "select stage, code from failures where stage in"
                                    + " ('summary', 'duplicates', 'clusters')");
            assertThat(failures.next()).as("no aggregation failures").isFalse();
        }
    }
}
