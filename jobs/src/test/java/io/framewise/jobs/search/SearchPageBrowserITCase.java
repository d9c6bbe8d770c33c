package io.framewise.jobs.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import co.elastic.clients.elasticsearch._types.Refresh;
import io.framewise.connectors.elasticsearch.Document;
import io.framewise.connectors.elasticsearch.Documents;
import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.connectors.elasticsearch.SearchIndex;
import io.framewise.connectors.parquet.ParquetTableReader;
import io.framewise.connectors.parquet.Tables;
import io.framewise.jobs.LocalIndex;
import io.framewise.jobs.SearchPage;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.video.VideoRef;
import io.framewise.testkit.elasticsearch.LocalElasticsearch;
import io.framewise.testkit.samples.LabelledVideo;
import io.framewise.testkit.samples.SampleSpec;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.SampleVideos;
import io.framewise.testkit.samples.Scene;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The search page in headless Chromium, over videos the indexing job wrote into a real
 * Elasticsearch: search a phrase shown in a video, get that video and moment first, open the video
 * page, use "more like this"; the video page's scenes, the cluster filter; keyboard use, text from
 * videos shown as text, empty and error states.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them);
 * skipped, saying so, where they are missing.
 */
class SearchPageBrowserITCase {

    @TempDir static Path dir;

    static Path out;
    static ElasticsearchConfig es;
    static SearchPage page;
    static WebDriver browser;
    static String lectureId;
    static String recapId;

    /** A second video that shows one of the lecture's slides again. */
    static SampleSpec recap() {
        return SampleSpec.of(
                "recap",
                640,
                360,
                List.of(
                        Scene.cut(Scene.Look.SOLID, 0x333366, 60, "Recap"),
                        Scene.cut(Scene.Look.GRADIENT, 0x203040, 60, "Content detector")));
    }

    @BeforeAll
    static void indexAndServe() throws Exception {
        Path chromium = executable("chromium");
        Path driver = executable("chromedriver");
        assumeTrue(
                chromium != null && driver != null,
                "chromium and chromedriver are not installed (apt-get install chromium"
                        + " chromium-driver): browser test skipped");

        Path videos = Files.createDirectories(dir.resolve("videos"));
        out = dir.resolve("out");
        LabelledVideo lecture = SampleVideoWriter.write(SampleVideos.lecture(), videos);
        LabelledVideo again = SampleVideoWriter.write(recap(), videos);
        VideoRef lectureRef = VideoRef.of(videos.resolve(lecture.file()));
        VideoRef recapRef = VideoRef.of(videos.resolve(again.file()));
        lectureId = lectureRef.videoId();
        recapId = recapRef.videoId();

        Properties settings = new Properties();
        settings.setProperty("es.url", LocalElasticsearch.shared().url());
        settings.setProperty("es.replicas", "0");
        settings.setProperty(
                "es.index-prefix", "b" + UUID.randomUUID().toString().substring(0, 8) + "-");
        es = ElasticsearchConfig.from(settings);
        LocalIndex.run(List.of(lectureRef, recapRef), out, 2, settings);
        injectHostileFrame();
        page = SearchPage.start(es, null, out, "127.0.0.1", 0, false);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900");
        ChromeDriverService service =
                new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    /** A frame whose text is markup, as OCR or an LLM could return: it must show as text. */
    static void injectHostileFrame() throws Exception {
        FrameRow row =
                new FrameRow(
                        recapId,
                        0,
                        5,
                        200,
                        "00:00:00:05",
                        0,
                        0.5,
                        1,
                        1,
                        true,
                        "<img src=x onerror=\"document.title='pwned'\"> marmalade",
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
                        "keyframes/none.jpg",
                        null,
                        null,
                        System.currentTimeMillis());
        Document d = Documents.frame(row);
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
            c.client()
                    .index(
                            i ->
                                    i.index(SearchIndex.FRAMES.alias(es))
                                            .id(d.id())
                                            .document(d.source())
                                            .refresh(Refresh.True));
            c.json("POST", "/" + SearchIndex.FRAMES.alias(es) + "/_refresh", null);
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (page != null) {
            page.close();
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private static void search(String text) {
        browser.get(page.url());
        WebElement q = waiting().until(ExpectedConditions.elementToBeClickable(By.id("q")));
        q.clear();
        q.sendKeys(text);
    }

    /** The timecode the job gave the first keyframe of the lecture's shot {@code shot}. */
    private static String timecodeOfShot(int shot) throws Exception {
        List<GenericRecord> frames = ParquetTableReader.read(out, Tables.FRAMES);
        return frames.stream()
                .filter(f -> f.get("video_id").toString().equals(lectureId))
                .filter(f -> (Integer) f.get("shot_index") == shot)
                .sorted((a, b) -> Long.compare((Long) a.get("frame"), (Long) b.get("frame")))
                .map(f -> f.get("timecode").toString())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void searchAPhraseThenOpenTheVideoThenMoreLikeThis() throws Exception {
        search("Why shots matter");
        WebElement first =
                waiting()
                        .until(
                                ExpectedConditions.visibilityOfElementLocated(
                                        By.cssSelector("#results .result")));
        assertThat(first.getAttribute("data-video")).isEqualTo(lectureId);
        assertThat(first.findElement(By.cssSelector("a.title")).getText()).isEqualTo("lecture.mkv");
        assertThat(first.findElement(By.cssSelector(".where .timecode")).getText())
                .isEqualTo(timecodeOfShot(1));
        assertThat(first.findElement(By.cssSelector(".snippet")).getText())
                .contains("Why shots matter");
        assertThat(first.findElements(By.cssSelector(".snippet mark"))).isNotEmpty();
        WebElement thumb = first.findElement(By.cssSelector(".thumb img"));
        waiting()
                .until(
                        d ->
                                (Boolean)
                                        ((org.openqa.selenium.JavascriptExecutor) d)
                                                .executeScript(
                                                        "return arguments[0].complete && arguments[0].naturalWidth > 0",
                                                        thumb));

        // Keyboard: down from the search box to the first result, Enter opens the video page.
        WebElement q = browser.findElement(By.id("q"));
        q.sendKeys(Keys.ARROW_DOWN);
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getAttribute("class")).isEqualTo("title");
        focused.sendKeys(Keys.ENTER);

        WebElement title =
                waiting()
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("video-title")));
        waiting().until(ExpectedConditions.textToBePresentInElement(title, "lecture.mkv"));
        List<WebElement> shots = browser.findElements(By.cssSelector("#shots .shot"));
        assertThat(shots).hasSize(7);
        assertThat(browser.findElements(By.cssSelector("#shot-strip li"))).hasSize(7);
        assertThat(shots.get(1).findElement(By.cssSelector(".text")).getText())
                .contains("Why shots matter");
        assertThat(
                        browser.findElements(
                                By.cssSelector("#shots .shot:nth-child(2) .frame.selected")))
                .hasSize(1);

        // "More like this" on the "Content detector" slide finds it again in the recap video.
        shots.get(2).findElement(By.cssSelector("button.more-like-this")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("similar-heading")));
        WebElement similar =
                waiting()
                        .until(
                                ExpectedConditions.visibilityOfElementLocated(
                                        By.cssSelector("#results .result")));
        assertThat(similar.getAttribute("data-video")).isEqualTo(recapId);
        assertThat(similar.findElement(By.cssSelector(".snippet")).getText())
                .contains("Content detector");
    }

    private static boolean loaded(WebElement img) {
        return (Boolean)
                ((org.openqa.selenium.JavascriptExecutor) browser)
                        .executeScript(
                                "return arguments[0].complete && arguments[0].naturalWidth > 0",
                                img);
    }

    @Test
    void theVideoPageShowsItsScenesWithTheirKeyframesAndShots() throws Exception {
        List<GenericRecord> scenes =
                ParquetTableReader.read(out, Tables.SCENES).stream()
                        .filter(r -> r.get("video_id").toString().equals(lectureId))
                        .sorted(
                                (a, b) ->
                                        Integer.compare(
                                                (Integer) a.get("scene_index"),
                                                (Integer) b.get("scene_index")))
                        .toList();
        assertThat(scenes).isNotEmpty();
        browser.get(page.url() + "#/video/" + lectureId);
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("scenes-view")));
        List<WebElement> shown = browser.findElements(By.cssSelector("#scenes li.scene"));
        assertThat(shown).hasSize(scenes.size());
        for (int i = 0; i < scenes.size(); i++) {
            GenericRecord scene = scenes.get(i);
            WebElement li = shown.get(i);
            int first = (Integer) scene.get("first_shot");
            int last = (Integer) scene.get("last_shot");
            assertThat(li.findElement(By.tagName("strong")).getText()).isEqualTo("Scene " + i);
            List<String> shotLinks =
                    li.findElements(By.cssSelector(".scene-shots a")).stream()
                            .map(a -> a.getAttribute("data-shot"))
                            .toList();
            assertThat(shotLinks).hasSize(last - first + 1).startsWith(String.valueOf(first));
            WebElement img = li.findElement(By.cssSelector(".thumb img"));
            assertThat(img.getAttribute("src")).endsWith(scene.get("keyframe_uri").toString());
            waiting().until(d -> loaded(img));
            // Times are written one way on the page: SMPTE, as the index stores keyframes'.
            assertThat(li.findElement(By.cssSelector(".thumb .timecode")).getText())
                    .matches("\\d\\d:\\d\\d:\\d\\d:\\d\\d–\\d\\d:\\d\\d:\\d\\d:\\d\\d");
        }
        assertThat(browser.findElement(By.id("shot-0")).findElement(By.tagName("h3")).getText())
                .startsWith("Shot 0 · 00:00:00:00–");
        assertThat(browser.findElement(By.id("video-meta")).getText())
                .containsPattern("length \\d\\d:\\d\\d:\\d\\d:\\d\\d");
        // MPEG-4 Part 2 in Matroska is no format a browser plays: its keyframes play instead,
        // each from its time, the clock written as the index writes it.
        assertThat(browser.findElement(By.id("player-note")).getText())
                .contains("cannot be played here");
        WebElement slide = browser.findElement(By.id("slide"));
        assertThat(browser.findElement(By.id("slideshow")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("slide-time")).getText()).isEqualTo("00:00:00:00");
        WebElement keyframe = browser.findElement(By.cssSelector("#shot-2 .frame"));
        keyframe.findElement(By.cssSelector("a.play")).click();
        assertThat(slide.getAttribute("data-frame")).isEqualTo(keyframe.getAttribute("data-id"));
        assertThat(slide.getAttribute("src"))
                .isEqualTo(keyframe.findElement(By.cssSelector("img")).getAttribute("src"));
        String at = browser.findElement(By.id("slide-time")).getText();
        assertThat(at).isEqualTo(timecodeOfShot(2));
        browser.findElement(By.id("slide-play")).click();
        waiting().until(d -> !d.findElement(By.id("slide-time")).getText().equals(at));
        browser.findElement(By.id("slide-play")).click();
        assertThat(browser.findElement(By.id("slide-play")).getText()).isEqualTo("Play");

        // A scene's shot link goes to that shot.
        WebElement lastScene = shown.get(shown.size() - 1);
        WebElement link = lastScene.findElement(By.cssSelector(".scene-shots a"));
        String shot = link.getAttribute("data-shot");
        link.click();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("shot-" + shot);
        assertThat(
                        browser.findElement(By.id("shot-" + shot))
                                .findElement(By.tagName("h3"))
                                .getText())
                .endsWith("scene " + (shown.size() - 1));
        assertThat(browser.findElement(By.id("video-meta")).getText())
                .contains(scenes.size() + " scenes");
        // The summary's dominant colours as swatches, coloured despite the page's strict
        // Content-Security-Policy (set through the CSSOM, not a style attribute).
        GenericRecord video =
                ParquetTableReader.read(out, Tables.VIDEOS).stream()
                        .filter(r -> r.get("video_id").toString().equals(lectureId))
                        .findFirst()
                        .orElseThrow();
        List<?> colours = (List<?>) video.get("dominant_colours");
        List<WebElement> swatches = browser.findElements(By.cssSelector("#video-summary .swatch"));
        assertThat(swatches).hasSize(colours.size()).isNotEmpty();
        int rgb = Integer.parseInt(colours.get(0).toString().substring(1), 16);
        assertThat(swatches.get(0).getCssValue("background-color"))
                .isIn(
                        String.format(
                                "rgba(%d, %d, %d, 1)", rgb >> 16, (rgb >> 8) & 255, rgb & 255),
                        String.format("rgb(%d, %d, %d)", rgb >> 16, (rgb >> 8) & 255, rgb & 255));
    }

    @Test
    void theClusterFilterKeepsTheResultsOfOneCluster() throws Exception {
        // The lecture's "Content detector" slide and its copy in the recap, by cluster in Parquet.
        Map<String, String> clusterOfShot = new java.util.HashMap<>();
        for (GenericRecord m : ParquetTableReader.read(out, Tables.CLUSTER_MEMBERS)) {
            clusterOfShot.put(
                    m.get("video_id") + "/" + m.get("shot_index"), m.get("cluster_id").toString());
        }
        search("Content detector");
        WebElement first =
                waiting()
                        .until(
                                ExpectedConditions.visibilityOfElementLocated(
                                        By.cssSelector("#results .result")));
        String id = first.getAttribute("data-id");
        String cluster = clusterOfShot.get(id.substring(0, id.lastIndexOf('/')));
        assertThat(cluster).isNotNull();
        WebElement chip = first.findElement(By.cssSelector("button.cluster"));
        assertThat(chip.getAttribute("data-cluster")).isEqualTo(cluster);
        // The filter lists the clusters; the chip selects its own and searches again.
        waiting()
                .until(
                        d ->
                                d.findElements(
                                                        By.cssSelector(
                                                                "#cluster option[value='"
                                                                        + cluster
                                                                        + "']"))
                                                .size()
                                        == 1);
        chip.click();
        waiting().until(ExpectedConditions.urlContains("cluster=" + cluster.replace(":", "%3A")));
        waiting().until(ExpectedConditions.stalenessOf(first));
        assertThat(
                        new org.openqa.selenium.support.ui.Select(
                                        browser.findElement(By.id("cluster")))
                                .getFirstSelectedOption()
                                .getAttribute("value"))
                .isEqualTo(cluster);
        List<WebElement> results =
                waiting()
                        .until(
                                ExpectedConditions.visibilityOfAllElementsLocatedBy(
                                        By.cssSelector("#results .result")));
        assertThat(results)
                .isNotEmpty()
                .allSatisfy(
                        r -> {
                            String frame = r.getAttribute("data-id");
                            assertThat(
                                            clusterOfShot.get(
                                                    frame.substring(0, frame.lastIndexOf('/'))))
                                    .isEqualTo(cluster);
                            assertThat(r.findElement(By.cssSelector("button.cluster")).getText())
                                    .isEqualTo("cluster " + cluster);
                        });
        // Back to every cluster.
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("cluster")))
                .selectByValue("");
        waiting().until(d -> !d.getCurrentUrl().contains("cluster="));
    }

    @Test
    void textFromVideosIsShownAsText() {
        search("marmalade");
        WebElement first =
                waiting()
                        .until(
                                ExpectedConditions.visibilityOfElementLocated(
                                        By.cssSelector("#results .result")));
        assertThat(first.findElement(By.cssSelector(".snippet")).getText())
                .startsWith("<img src=x onerror=\"document.title='pwned'\">");
        assertThat(browser.findElements(By.cssSelector("[onerror]"))).isEmpty();
        assertThat(browser.getTitle()).isEqualTo("Framewise search");
    }

    @Test
    void nothingFoundIsSaid() {
        search("xylophone quasar");
        // The page first invites a search; then says nothing was found.
        waiting()
                .until(
                        ExpectedConditions.textToBePresentInElementLocated(
                                By.id("results"), "No moments match"));
        assertThat(browser.findElement(By.cssSelector("#results .empty")).getText())
                .isEqualTo(
                        "No moments match “xylophone quasar”. Try other words or fewer filters.");
        assertThat(browser.findElements(By.cssSelector("#results .result"))).isEmpty();
    }

    @Test
    void elasticsearchDownIsAnErrorState() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        // A second page over an Elasticsearch that is not there; SearchPage checks at start, so
        // the server is made by hand here.
        Properties settings = new Properties();
        settings.setProperty("es.url", "http://127.0.0.1:" + closed);
        ElasticsearchConfig down = ElasticsearchConfig.from(settings);
        try (ElasticsearchConnection c = ElasticsearchConnection.open(down);
                io.framewise.search.SearchService s =
                        new io.framewise.search.SearchService(c, null);
                io.framewise.search.http.SearchServer server =
                        io.framewise.search.http.SearchServer.start(s, out, "127.0.0.1", 0)) {
            browser.get(server.url() + "/");
            browser.findElement(By.id("q")).sendKeys("anything");
            WebElement status = browser.findElement(By.id("status"));
            waiting().until(ExpectedConditions.attributeContains(status, "class", "error"));
            assertThat(status.getText())
                    .startsWith("Search is unavailable: Elasticsearch is not reachable");
        }
    }

    private static Path executable(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
