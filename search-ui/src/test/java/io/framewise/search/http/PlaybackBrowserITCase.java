package io.framewise.search.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.search.Corpus;
import io.framewise.search.HashingTestEmbedder;
import io.framewise.search.SearchService;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Watching the moment found, in headless Chromium over the corpus (whose lecture is a real WebM
 * file): a search's first result opens the video page with the player at the result's time, and
 * playing; the shot strip, a keyframe and a scene seek it; a video that cannot play says why.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}; skipped, saying so, where they
 * are missing.
 */
class PlaybackBrowserITCase {

    /** The corpus's lecture runs at 30 fps. */
    static final double FRAME_S = 1.0 / 30;

    @TempDir static Path data;

    static ElasticsearchConnection es;
    static SearchService search;
    static SearchServer server;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = executable("chromium");
        Path driver = executable("chromedriver");
        assumeTrue(
                chromium != null && driver != null,
                "chromium and chromedriver are not installed (apt-get install chromium"
                        + " chromium-driver): playback browser test skipped");
        es = ElasticsearchConnection.open(Corpus.index(data).config);
        search = new SearchService(es, HashingTestEmbedder.factory());
        server = SearchServer.start(search, data, "127.0.0.1", 0);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--mute-audio",
                "--autoplay-policy=no-user-gesture-required",
                "--window-size=1280,900");
        browser =
                new ChromeDriver(
                        new ChromeDriverService.Builder()
                                .usingDriverExecutable(driver.toFile())
                                .build(),
                        options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
            search.close();
            es.close();
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /**
     * Pauses the player and records its time at every {@code seeked} event from now on (paused, the
     * time read at the event is where the seek landed, not a few milliseconds of playing later).
     */
    private static void recordSeeks() {
        js(
                "document.getElementById('player').pause(); window.seeks = [];"
                        + " if (!window.seeksRecorded) {"
                        + "   document.getElementById('player').addEventListener('seeked',"
                        + "     (e) => window.seeks.push(e.target.currentTime));"
                        + "   window.seeksRecorded = true; }");
    }

    /**
     * Waits until the player has seeked to within one frame of {@code seconds} since {@link
     * #recordSeeks} (an earlier seek of the page may land in between), and answers where it landed.
     */
    private static double seekedTo(double seconds) {
        String near =
                "return window.seeks.find((t) => Math.abs(t - " + seconds + ") <= " + FRAME_S + ")";
        try {
            waiting().until(d -> js(near) != null);
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "the player did not seek to "
                            + seconds
                            + " s within one frame; it seeked to "
                            + js("return JSON.stringify(window.seeks)"),
                    e);
        }
        return ((Number) js(near)).doubleValue();
    }

    /** Waits until the player plays past {@code seconds} + 0.3 s. */
    private static void advancesPast(double seconds) {
        waiting()
                .withMessage("the player plays on from " + seconds + " s")
                .until(
                        d ->
                                Boolean.TRUE.equals(
                                        js(
                                                "const p = document.getElementById('player');"
                                                        + " return !p.paused && p.currentTime > "
                                                        + (seconds + 0.3))));
    }

    /** Waits until an element that {@code css} selects is shown, and answers it. */
    private static WebElement visible(String css) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Clicks an element in the middle of the window (not under the sticky header). */
    private static void click(WebElement e) {
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        e.click();
    }

    /** Searches a line of the lecture's slide 3 and answers the first result: the lecture's. */
    private static WebElement firstResultOfSlide3() {
        browser.get(
                server.url()
                        + "/#/?q="
                        + URLEncoder.encode("Report precision and recall", StandardCharsets.UTF_8));
        searchedIn("hybrid");
        WebElement first = browser.findElement(By.cssSelector("#results li.result"));
        assertThat(first.getAttribute("data-video")).isEqualTo(Corpus.LECTURE);
        return first;
    }

    @Test
    void theFirstResultOpensThePlayerAtItsMomentAndPlays() {
        WebElement first = firstResultOfSlide3();
        double at = Long.parseLong(first.getAttribute("data-ms")) / 1000.0;
        // Slide 3 runs from 12 s to 16 s; its keyframes are 10 and 70 frames in.
        assertThat(at).isBetween(12.0, 16.0);
        recordSeeks();
        first.findElement(By.cssSelector("a.title")).click();
        WebElement player =
                waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("player")));
        assertThat(player.getAttribute("src")).endsWith("/api/videos/" + Corpus.LECTURE + "/media");
        assertThat(seekedTo(at)).isCloseTo(at, within(FRAME_S));
        advancesPast(at);
        assertThat(browser.getCurrentUrl()).contains("t=" + Math.round(at * 1000));
    }

    @Test
    void aResultCardPlaysItsShotInlineFromTheMomentToTheShotsEnd() {
        WebElement first = firstResultOfSlide3();
        assertThat(first.getAttribute("data-shot")).isEqualTo("3");
        double at = Long.parseLong(first.getAttribute("data-ms")) / 1000.0;
        // Media events do not bubble: the document hears them while capturing.
        js(
                "window.inlineSeeks = []; document.addEventListener('seeked', (e) => {"
                        + " if (e.target.classList.contains('inline-player'))"
                        + "   window.inlineSeeks.push(e.target.currentTime); }, true);");
        click(first.findElement(By.cssSelector("button.play-shot")));
        WebElement video = visible("#results li.result video.inline-player");
        assertThat(video.getAttribute("src")).endsWith("/api/videos/" + Corpus.LECTURE + "/media");
        // Slide 3's shot ends where slide 4 starts: frame 480 at 30 fps, 16 s.
        assertThat(video.getAttribute("data-end-ms")).isEqualTo("16000");
        assertThat(first.findElement(By.cssSelector("a.thumb-link")).isDisplayed()).isFalse();
        waiting()
                .withMessage("the inline player seeks to the moment")
                .until(d -> js("return window.inlineSeeks[0]") != null);
        assertThat(((Number) js("return window.inlineSeeks[0]")).doubleValue())
                .isCloseTo(at, within(FRAME_S));
        String inline = "const v = document.querySelector('video.inline-player');";
        waiting()
                .withMessage("the inline player plays on from " + at + " s")
                .until(
                        d ->
                                Boolean.TRUE.equals(
                                        js(
                                                inline
                                                        + " return !v.paused && v.currentTime > "
                                                        + (at + 0.3))));
        // It stops by itself at the shot's end, on the shot's last frame (half a frame before 16
        // s).
        waiting()
                .withMessage("the inline player stops at the shot's end")
                .until(
                        d ->
                                Boolean.TRUE.equals(
                                        js(inline + " return v.paused && v.currentTime > 15")));
        double stoppedAt = ((Number) js(inline + " return v.currentTime")).doubleValue();
        assertThat(stoppedAt).isCloseTo(16.0 - FRAME_S / 2, within(FRAME_S / 2));
        WebElement button = first.findElement(By.cssSelector("button.play-shot"));
        assertThat(button.getText()).isEqualTo("Stop");
        assertThat(button.getAttribute("aria-label")).isEqualTo("Stop playing shot 3");
        // Played again from the end, it starts at the moment once more (the third seek: the
        // second put it on the shot's last frame).
        js(inline + " v.play();");
        waiting()
                .withMessage("playing again seeks back to the moment")
                .until(d -> js("return window.inlineSeeks[2]") != null);
        assertThat(((Number) js("return window.inlineSeeks[2]")).doubleValue())
                .isCloseTo(at, within(FRAME_S));
        // Stop gives the thumbnail back; a video whose file went says why in its card.
        button.click();
        assertThat(browser.findElements(By.cssSelector("video.inline-player"))).isEmpty();
        assertThat(button.getText()).isEqualTo("Play shot");
        assertThat(button.getAttribute("aria-label")).startsWith("Play shot 3 here from ");
        assertThat(first.findElement(By.cssSelector("a.thumb-link")).isDisplayed()).isTrue();

        browser.get(server.url() + "/#/?q=crispy+fries");
        searchedIn("hybrid");
        WebElement cooking =
                browser.findElement(
                        By.cssSelector("#results li.result[data-video='" + Corpus.COOKING + "']"));
        click(cooking.findElement(By.cssSelector("button.play-shot")));
        WebElement note = visible("#results li.result .inline-note");
        assertThat(note.getText()).contains("cannot be played here", "no longer");
        assertThat(browser.findElements(By.cssSelector("video.inline-player"))).isEmpty();
    }

    @Test
    void theShotStripKeyframesAndScenesSeekThePlayer() {
        browser.get(server.url() + "/#/video/" + Corpus.LECTURE);
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("player")));
        waiting()
                .until(
                        ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector("#shot-strip a[data-shot='5']")));
        recordSeeks();
        click(browser.findElement(By.cssSelector("#shot-strip a[data-shot='5']")));
        assertThat(seekedTo(20.0)).isCloseTo(20.0, within(FRAME_S));
        advancesPast(20.0);

        // A keyframe of shot 3: frame 430 at 30 fps.
        recordSeeks();
        WebElement keyframe =
                browser.findElement(By.cssSelector("#shot-3 .frame:nth-of-type(2) a.play"));
        double keyframeAt = Long.parseLong(keyframe.getAttribute("data-ms")) / 1000.0;
        assertThat(keyframeAt).isCloseTo(430 / 30.0, within(FRAME_S));
        click(keyframe);
        assertThat(seekedTo(keyframeAt)).isCloseTo(keyframeAt, within(FRAME_S));
        advancesPast(keyframeAt);

        // The third scene starts at shot 5 (20 s).
        recordSeeks();
        click(browser.findElement(By.cssSelector("#scenes li[data-scene='2'] a.play")));
        assertThat(seekedTo(20.0)).isCloseTo(20.0, within(FRAME_S));
    }

    @Test
    void whatWasSaidPlaysFromWhereItIsSaid() {
        // A spoken line found by a search opens the video page playing from the line.
        browser.get(server.url() + "/#/?q=true+cuts");
        WebElement spoken = visible("#spoken li.spoken-line[data-segment='1'] a");
        recordSeeks();
        click(spoken);
        assertThat(seekedTo(13.5)).isCloseTo(13.5, within(FRAME_S));
        advancesPast(13.5);
        waiting()
                .until(
                        ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector("#transcript li.transcript-line.selected")));
        assertThat(
                        browser.findElement(By.cssSelector("#transcript li.selected"))
                                .getAttribute("data-segment"))
                .isEqualTo("1");

        // On the video page, each transcript line seeks the player to its start and plays; the
        // line being said is marked while it plays.
        WebElement last =
                browser.findElement(
                        By.cssSelector("#transcript li.transcript-line[data-segment='2'] a.play"));
        recordSeeks();
        click(last);
        assertThat(seekedTo(21.0)).isCloseTo(21.0, within(FRAME_S));
        advancesPast(21.0);
        waiting()
                .withMessage("the line being said is marked")
                .until(
                        ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector(
                                        "#transcript li[data-segment='2'][aria-current='true']")));
        assertThat(browser.findElements(By.cssSelector("#transcript li[aria-current]"))).hasSize(1);
        assertThat(
                        browser.findElement(By.cssSelector("#transcript li.selected"))
                                .getAttribute("data-segment"))
                .isEqualTo("2");
    }

    /** The search box, filters and mode as the page shows them. */
    private static String fields() {
        return (String)
                js(
                        "return ['q', 'video', 'mode', 'cluster', 'date-from']"
                                + ".map((id) => id + '=' + document.getElementById(id).value)"
                                + ".join(' ')");
    }

    /** Waits until the status line reports a search in {@code mode} that found something. */
    private static void searchedIn(String mode) {
        WebElement status = browser.findElement(By.id("status"));
        waiting()
                .withMessage("a search in " + mode + " mode finishes")
                .until(
                        d ->
                                status.getText().contains("found in")
                                        && status.getText().endsWith("(" + mode + ")."));
    }

    @Test
    void theAddressRestoresTheSearchOnEveryLoadAndOnBackAndForward() {
        String words = server.url() + "/#/?q=shot+frames&video=" + Corpus.LECTURE + "&mode=text";
        String expected =
                "q=shot frames video=" + Corpus.LECTURE + " mode=text cluster= date-from=";
        for (int i = 0; i < 6; i++) {
            browser.get("about:blank");
            browser.get(words);
            searchedIn("text");
            // The video filter's options arrive after the results; it is set once they are.
            waiting()
                    .withMessage("load " + i + ": " + fields())
                    .until(d -> fields().equals(expected));
            assertThat(browser.findElements(By.cssSelector("#results li.result")))
                    .as("load " + i)
                    .isNotEmpty()
                    .allMatch(r -> Corpus.LECTURE.equals(r.getAttribute("data-video")));
        }
        // The cluster filter names clusters by their words, not their ids.
        WebElement titles =
                waiting()
                        .until(
                                ExpectedConditions.presenceOfElementLocated(
                                        By.cssSelector(
                                                "#cluster option[value='" + Corpus.TITLES + "']")));
        assertThat(titles.getAttribute("textContent"))
                .doesNotContain(Corpus.TITLES)
                .matches("[\\p{L}\\p{N}._'-]+(, [\\p{L}\\p{N}._'-]+){0,2} \\(8 frames, 1 video\\)");
        // Another search, then Back: the first one again, mode and filters included.
        browser.get(server.url() + "/#/?q=crispy");
        searchedIn("hybrid");
        assertThat(fields()).isEqualTo("q=crispy video= mode=hybrid cluster= date-from=");
        browser.navigate().back();
        searchedIn("text");
        waiting().withMessage("after Back: " + fields()).until(d -> fields().equals(expected));
        browser.navigate().forward();
        searchedIn("hybrid");
        assertThat(fields()).isEqualTo("q=crispy video= mode=hybrid cluster= date-from=");
        // The brand link clears the search, its filters included.
        browser.findElement(By.cssSelector("a.brand")).click();
        waiting().until(d -> fields().equals("q= video= mode=hybrid cluster= date-from="));
        assertThat(browser.findElements(By.cssSelector("#results li.result"))).isEmpty();
    }

    @Test
    void aClusterFilterShowsTheClusterItSearchesWithin() throws Exception {
        JsonNode titles = null;
        for (JsonNode c : clusters()) {
            if (c.path("cluster_id").asText().equals(Corpus.TITLES)) {
                titles = c;
            }
        }
        assertThat(titles).as("the corpus's title cluster in /api/clusters").isNotNull();
        browser.get("about:blank");
        browser.get(server.url() + "/#/?q=shot+frames&cluster=" + Corpus.TITLES);
        searchedIn("hybrid");
        WebElement banner = visible("#cluster-banner");
        String words = titles.path("top_terms").get(0).asText();
        // Its words, its size and its representative keyframe, as /api/clusters gives them.
        waiting()
                .withMessage("the banner names the cluster")
                .until(d -> banner.getText().contains("(8 frames in 1 video)"));
        assertThat(banner.getText()).contains(words).doesNotContain(Corpus.TITLES);
        WebElement thumbnail = browser.findElement(By.id("cluster-thumbnail"));
        assertThat(thumbnail.isDisplayed()).isTrue();
        assertThat(thumbnail.getAttribute("src")).endsWith(titles.path("thumbnail").asText());
        assertThat(
                        ((Number)
                                        js(
                                                "return document.getElementById('cluster-thumbnail').naturalWidth"))
                                .intValue())
                .as("the keyframe loads")
                .isPositive();
        // Leaving the cluster searches all frames again, and the address says so.
        browser.findElement(By.id("cluster-clear")).click();
        waiting().until(d -> !browser.findElement(By.id("cluster-banner")).isDisplayed());
        assertThat(browser.getCurrentUrl()).doesNotContain("cluster=");
        assertThat(fields()).isEqualTo("q=shot frames video= mode=hybrid cluster= date-from=");
    }

    /** What {@code /api/clusters} answers. */
    private static JsonNode clusters() throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(server.url() + "/api/clusters"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body()).path("clusters");
    }

    @Test
    void onASmallScreenTheHeaderIsCompactAndScrollsAway() {
        Dimension before = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(400, 700));
            browser.get("about:blank");
            browser.get(server.url() + "/#/?q=shot+frames");
            searchedIn("hybrid");
            long width = ((Number) js("return window.innerWidth")).longValue();
            long viewport = ((Number) js("return window.innerHeight")).longValue();
            double header =
                    ((Number)
                                    js(
                                            "return document.querySelector('header')"
                                                    + ".getBoundingClientRect().height"))
                            .doubleValue();
            System.out.printf("header on a %d x %d px window: %.0f px%n", width, viewport, header);
            assertThat(width).isLessThanOrEqualTo(400);
            // A quarter of a 700 px tall screen at most (it was 285 px, sticky).
            assertThat(header).isLessThanOrEqualTo(175);
            assertThat(js("return getComputedStyle(document.querySelector('header')).position"))
                    .isEqualTo("static");
        } finally {
            browser.manage().window().setSize(before);
        }
    }

    @Test
    void resultsGroupPerVideoWhenAsked() {
        String query = "/#/?q=shot+frames+crispy+fries";
        browser.get(server.url() + query);
        searchedIn("hybrid");
        List<String> firstSeen =
                browser.findElements(By.cssSelector("#results li.result")).stream()
                        .map(r -> r.getAttribute("data-video"))
                        .distinct()
                        .toList();
        assertThat(firstSeen).containsExactlyInAnyOrder(Corpus.LECTURE, Corpus.COOKING);
        assertThat(browser.findElements(By.cssSelector("#results li.video-group"))).isEmpty();

        browser.get(server.url() + query + "&group=video");
        waiting()
                .withMessage("the results are grouped")
                .until(d -> !d.findElements(By.cssSelector("#results li.video-group")).isEmpty());
        assertThat(js("return document.getElementById('group').checked")).isEqualTo(true);
        List<WebElement> groups = browser.findElements(By.cssSelector("#results > li.video-group"));
        // One group per video, in the order of each video's best moment.
        assertThat(groups)
                .extracting(g -> g.getAttribute("data-video"))
                .containsExactlyElementsOf(firstSeen);
        for (WebElement g : groups) {
            List<WebElement> moments = g.findElements(By.cssSelector("li.result"));
            assertThat(moments)
                    .isNotEmpty()
                    .allMatch(
                            m -> g.getAttribute("data-video").equals(m.getAttribute("data-video")));
            assertThat(g.findElement(By.tagName("h3")).getText())
                    .endsWith(moments.size() + (moments.size() == 1 ? " moment" : " moments"));
        }
    }

    @Test
    void nonsenseSaysNoMomentsMatch() {
        browser.get(server.url() + "/#/?q=zxqvblorf");
        waiting()
                .withMessage("the page says no moments match")
                .until(
                        d ->
                                d.findElements(By.cssSelector("#results li.empty")).stream()
                                        .anyMatch(e -> e.getText().startsWith("No moments match")));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("No results.");
        assertThat(browser.findElements(By.cssSelector("#results li.result"))).isEmpty();
    }

    @Test
    void aVideoThatCannotPlayHereSaysWhy() {
        browser.get(server.url() + "/#/video/" + Corpus.COOKING);
        WebElement note =
                waiting()
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("player-note")));
        assertThat(note.getText()).contains("cannot be played here", "no longer");
        assertThat(browser.findElement(By.id("player")).isDisplayed()).isFalse();
        List<WebElement> keyframes = browser.findElements(By.cssSelector(".frame img"));
        assertThat(keyframes).isNotEmpty();
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
