package io.framewise.jobs.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.parquet.ParquetTableReader;
import io.framewise.connectors.parquet.Tables;
import io.framewise.jobs.LocalIndex;
import io.framewise.jobs.SearchPage;
import io.framewise.llmsim.LlmSimulator;
import io.framewise.llmsim.Transcripts;
import io.framewise.pipeline.video.VideoRef;
import io.framewise.testkit.elasticsearch.LocalElasticsearch;
import io.framewise.testkit.samples.SpeakingVideo;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The search page's spoken lines in headless Chromium, over a video that espeak-ng made speak,
 * indexed by the job with the simulator's transcript into a real Elasticsearch: a phrase said in it
 * is listed with the moment it was said, and its link opens the video page with the transcript, the
 * line selected, each line a link to its shot.
 *
 * <p>Needs {@code chromium}, {@code chromium-driver} and {@code espeak-ng} ({@code .ci/run}
 * installs them); skipped, saying so, where one is missing.
 */
class SpokenLinesBrowserITCase {

    @TempDir static Path dir;

    static SearchPage page;
    static WebDriver browser;
    static List<GenericRecord> transcript;

    @BeforeAll
    static void indexAndServe() throws Exception {
        Path chromium = executable("chromium");
        Path driver = executable("chromedriver");
        assumeTrue(
                chromium != null && driver != null && SpeakingVideo.available(),
                "chromium, chromedriver or espeak-ng is not installed: browser test skipped");
        Path videos = Files.createDirectories(dir.resolve("videos"));
        Path out = dir.resolve("out");
        List<SpeakingVideo.Spoken> spoken =
                SpeakingVideo.write(
                        new SpeakingVideo.Spec(
                                12_000,
                                List.of(4_000L, 8_000L),
                                List.of(
                                        new SpeakingVideo.Line(800, "Good morning and welcome."),
                                        new SpeakingVideo.Line(
                                                8_600, "The library closes at nine tonight.")),
                                List.of(),
                                true),
                        videos.resolve("talk.mp4"));
        List<Transcripts.Line> lines = new ArrayList<>();
        spoken.forEach(
                s -> lines.add(new Transcripts.Line("talk.mp4", s.startMs(), s.endMs(), s.text())));
        VideoRef talk = VideoRef.of(videos.resolve("talk.mp4"));
        Properties settings = new Properties();
        settings.setProperty("es.url", LocalElasticsearch.shared().url());
        settings.setProperty("es.replicas", "0");
        settings.setProperty(
                "es.index-prefix", "s" + UUID.randomUUID().toString().substring(0, 8) + "-");
        try (LlmSimulator sim = LlmSimulator.start(LlmSimulator.Options.wellBehaved(10))) {
            sim.transcripts(new Transcripts(lines));
            settings.setProperty("speech.url", sim.baseUrl().toString());
            LocalIndex.run(List.of(talk), out, 2, settings);
        }
        transcript = ParquetTableReader.read(out, Tables.TRANSCRIPTS);
        transcript.sort((a, b) -> Long.compare((Long) a.get("start_ms"), (Long) b.get("start_ms")));
        page =
                SearchPage.start(
                        ElasticsearchConfig.from(settings), null, out, "127.0.0.1", 0, false);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900");
        ChromeDriverService service =
                new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
        browser = new ChromeDriver(service, options);
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

    @Test
    void aSpokenPhraseIsListedAtItsMomentAndOpensTheTranscript() {
        assertThat(transcript).hasSize(2);
        GenericRecord said = transcript.get(1);
        browser.get(page.url());
        WebElement q = waiting().until(ExpectedConditions.elementToBeClickable(By.id("q")));
        q.sendKeys("library closes");
        WebElement line =
                waiting()
                        .until(
                                ExpectedConditions.visibilityOfElementLocated(
                                        By.cssSelector("#spoken-view .spoken-line")));
        assertThat(line.getText())
                .contains("The library closes at nine tonight.")
                .contains(said.get("timecode").toString())
                .contains("shot " + said.get("shot_index"));
        assertThat(line.findElements(By.tagName("mark")))
                .extracting(WebElement::getText)
                .containsExactly("library closes");

        line.findElement(By.tagName("a")).click();
        WebElement selected =
                waiting()
                        .until(
                                ExpectedConditions.visibilityOfElementLocated(
                                        By.cssSelector("#transcript .transcript-line.selected")));
        assertThat(selected.getText()).contains("The library closes at nine tonight.");
        List<WebElement> all = browser.findElements(By.cssSelector("#transcript .transcript-line"));
        assertThat(all).hasSize(2);
        assertThat(all.get(0).getText())
                .contains(transcript.get(0).get("timecode").toString())
                .contains("Good morning and welcome.");
        // Each line links to its shot's section of the video page.
        waiting()
                .until(
                        ExpectedConditions.presenceOfElementLocated(
                                By.id("shot-" + said.get("shot_index"))));
        selected.findElement(By.tagName("a")).click();
        Object focused =
                ((JavascriptExecutor) browser).executeScript("return document.activeElement.id");
        assertThat(focused).isEqualTo("shot-" + said.get("shot_index"));
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
