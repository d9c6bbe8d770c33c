package io.framewise.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.video.VideoRef;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * http(s) videos against a real local HTTP server: fetched into a spill file when private addresses
 * are allowed, refused before any request when they are not (the default).
 */
class HttpFetchITCase {

    static HttpServer server;
    static String base;
    static final AtomicInteger REQUESTS = new AtomicInteger();
    static final byte[] VIDEO = new byte[250_000];
    static final AtomicInteger FLAKY = new AtomicInteger();

    @TempDir Path spill;

    @BeforeAll
    static void serve() throws Exception {
        new java.util.Random(3).nextBytes(VIDEO);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    REQUESTS.incrementAndGet();
                    String path = exchange.getRequestURI().getPath();
                    if (path.equals("/v/a.mp4")) {
                        exchange.sendResponseHeaders(200, VIDEO.length);
                        exchange.getResponseBody().write(VIDEO);
                    } else if (path.equals("/flaky.mp4") && FLAKY.incrementAndGet() > 2
                            || path.equals("/v/a.mp4")) {
                        exchange.sendResponseHeaders(200, VIDEO.length);
                        exchange.getResponseBody().write(VIDEO);
                    } else if (path.equals("/flaky.mp4") || path.equals("/cut.mp4")) {
                        // The store goes away mid-answer: half the promised bytes, then nothing.
                        exchange.sendResponseHeaders(200, VIDEO.length);
                        exchange.getResponseBody().write(VIDEO, 0, VIDEO.length / 2);
                    } else if (path.equals("/moved.mp4")) {
                        exchange.getResponseHeaders().add("Location", "/v/a.mp4");
                        exchange.sendResponseHeaders(302, -1);
                    } else if (path.equals("/loop.mp4")) {
                        exchange.getResponseHeaders().add("Location", "/loop.mp4");
                        exchange.sendResponseHeaders(302, -1);
                    } else {
                        exchange.sendResponseHeaders(404, -1);
                    }
                    exchange.close();
                });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private ObjectStoreFetcher fetcher(boolean allowPrivate) {
        return fetcher(allowPrivate, "PT2M");
    }

    private ObjectStoreFetcher fetcher(boolean allowPrivate, String retryFor) {
        Properties p = new Properties();
        p.setProperty("sources.fetch-retry-for", retryFor);
        p.setProperty("sources.spill-dir", spill.toString());
        p.setProperty("sources.allow-private-addresses", Boolean.toString(allowPrivate));
        return new ObjectStoreFetcher(SourceConfig.from(p));
    }

    private static String code(Throwable e) {
        return ((VideoException) e).codeName();
    }

    @Test
    void privateAddressesAreRefusedBeforeAnyRequest() {
        int before = REQUESTS.get();
        try (ObjectStoreFetcher f = fetcher(false)) {
            assertThatThrownBy(() -> f.fetch(VideoRef.of(URI.create(base + "/v/a.mp4"))))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("uri_rejected"))
                    .hasMessageContaining("non-public address");
        }
        assertThat(REQUESTS.get()).isEqualTo(before);
    }

    @Test
    void allowedTheyAreStreamedToASpillFileFollowingRedirects() throws Exception {
        try (ObjectStoreFetcher f = fetcher(true)) {
            Path copy = f.fetch(VideoRef.of(URI.create(base + "/v/a.mp4")));
            assertThat(Files.readAllBytes(copy)).isEqualTo(VIDEO);
            Path moved = f.fetch(VideoRef.of(URI.create(base + "/moved.mp4")));
            assertThat(Files.readAllBytes(moved)).isEqualTo(VIDEO);
            assertThatThrownBy(() -> f.fetch(VideoRef.of(URI.create(base + "/gone.mp4"))))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("not_found"));
            assertThatThrownBy(() -> f.fetch(VideoRef.of(URI.create(base + "/loop.mp4"))))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("fetch_failed"))
                    .hasMessageContaining("redirects");
        }
        try (var left = Files.list(spill)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aStoreThatFailsForAWhileCostsTimeNotTheVideo() throws Exception {
        try (ObjectStoreFetcher f = fetcher(true)) {
            Path copy = f.fetch(VideoRef.of(URI.create(base + "/flaky.mp4")));
            assertThat(Files.readAllBytes(copy)).isEqualTo(VIDEO);
            assertThat(FLAKY.get()).isEqualTo(3);
        }
    }

    @Test
    void aStoreThatStaysDownFailsTheVideoOnceItsRetryTimeIsUp() throws Exception {
        long start = System.nanoTime();
        try (ObjectStoreFetcher f = fetcher(true, "PT2S")) {
            assertThatThrownBy(() -> f.fetch(VideoRef.of(URI.create(base + "/cut.mp4"))))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("fetch_failed"))
                    .hasMessageContaining(base + "/cut.mp4");
        }
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
        try (var left = Files.list(spill)) {
            assertThat(left).isEmpty();
        }
    }
}
