package io.framewise.search.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.framewise.search.NotFoundException;
import io.framewise.search.SearchQuery;
import io.framewise.search.SearchService;
import io.framewise.search.SearchUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search API and the web page, served by one process (the JDK's HTTP server).
 *
 * <ul>
 *   <li>{@code GET
 *       /api/search?q=&video=&date_from=&date_to=&cluster=&from=&size=&mode=hybrid|text|vector}
 *   <li>{@code GET /api/videos}, {@code GET /api/videos/{id}} (scenes, shots with their text)
 *   <li>{@code GET /api/clusters} (the clusters the frames are in, for the cluster filter)
 *   <li>{@code GET /api/frames/{id}/similar?size=} (the id is {@code video/shot/frame})
 *   <li>{@code GET /thumbnails/keyframes/...}: keyframe JPEGs from the data directory
 *   <li>{@code GET /}: the page ({@code index.html}, {@code app.js}, {@code app.css}; nothing from
 *       other sites, enforced by a Content-Security-Policy)
 * </ul>
 *
 * <p>Answers are JSON with snake_case names. A bad parameter is 400 with {@code {"error": ...}}, an
 * unknown video or frame 404, Elasticsearch unreachable 503; never a stack trace.
 */
public final class SearchServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SearchServer.class);

    static final ObjectMapper JSON =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private static final String WEB = "/io/framewise/search/web/";
    private static final Map<String, String> PAGES =
            Map.of(
                    "/", "index.html",
                    "/index.html", "index.html",
                    "/app.js", "app.js",
                    "/app.css", "app.css",
                    "/spoken.js", "spoken.js");
    private static final String CSP =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                    + " connect-src 'self'; base-uri 'none'; form-action 'self'";

    private final HttpServer http;
    private final ExecutorService threads;
    private final SearchService search;
    private final Path data;

    private SearchServer(
            HttpServer http, ExecutorService threads, SearchService search, Path data) {
        this.http = http;
        this.threads = threads;
        this.search = search;
        this.data = data;
    }

    /**
     * Starts serving.
     *
     * @param data the indexing job's output directory: thumbnails come from its {@code keyframes/}
     * @param host the address to listen on, e.g. {@code 127.0.0.1}
     * @param port the port, 0 for any free one
     */
    public static SearchServer start(SearchService search, Path data, String host, int port)
            throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        SearchServer server =
                new SearchServer(http, threads, search, data.toAbsolutePath().normalize());
        http.createContext("/", server::handle);
        http.setExecutor(threads);
        http.start();
        return server;
    }

    /** {@code http://HOST:PORT}. */
    public String url() {
        InetSocketAddress a = http.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getHostString();
        return "http://" + host + ":" + a.getPort();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                error(ex, 405, "only GET is served");
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            try {
                route(ex, path);
            } catch (IllegalArgumentException e) {
                error(ex, 400, e.getMessage());
            } catch (NotFoundException e) {
                error(ex, 404, e.getMessage());
            } catch (SearchUnavailableException e) {
                LOG.warn("search unavailable: {}", e.getMessage());
                error(ex, 503, e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("error answering {}", ex.getRequestURI(), e);
                error(ex, 500, "internal error: " + e.getClass().getSimpleName());
            }
        }
    }

    private void route(HttpExchange ex, String path) throws IOException {
        Map<String, String> params = params(ex.getRequestURI().getRawQuery());
        if (path.equals("/api/search")) {
            json(ex, 200, search.search(SearchQuery.parse(params)));
        } else if (path.equals("/api/clusters")) {
            json(ex, 200, Map.of("clusters", search.clusters()));
        } else if (path.equals("/api/videos")) {
            json(ex, 200, Map.of("videos", search.videos()));
        } else if (path.startsWith("/api/videos/")) {
            String id = decode(path.substring("/api/videos/".length()));
            if (id.isBlank()) {
                throw new IllegalArgumentException("a video id is needed: /api/videos/{id}");
            }
            json(ex, 200, search.video(id));
        } else if (path.equals("/api/spoken")) {
            json(ex, 200, spoken(params));
        } else if (path.startsWith("/api/frames/") && path.endsWith("/similar")) {
            String id =
                    decode(
                            path.substring(
                                    "/api/frames/".length(), path.length() - "/similar".length()));
            if (id.isBlank()) {
                throw new IllegalArgumentException(
                        "a frame id is needed: /api/frames/{id}/similar");
            }
            json(ex, 200, search.similar(id, integer(params, "size", 12)));
        } else if (path.startsWith("/api/")) {
            error(ex, 404, "no such API: " + path);
        } else if (path.startsWith("/thumbnails/")) {
            thumbnail(ex, decode(path.substring("/thumbnails/".length())));
        } else if (PAGES.containsKey(path)) {
            page(ex, PAGES.get(path));
        } else {
            error(ex, 404, "not found: " + path);
        }
    }

    /**
     * {@code /api/spoken?q=PHRASE[&video=ID][&size=N]}: the transcript lines that match, each with
     * its moment; {@code /api/spoken?video=ID} alone: that video's whole transcript.
     */
    private Map<String, Object> spoken(Map<String, String> params) {
        String q = params.get("q");
        String video = params.get("video");
        if ((q == null || q.isBlank()) && video != null && !video.isBlank()) {
            return Map.of("lines", search.spokenLines().transcript(video));
        }
        return Map.of("lines", search.spokenLines().search(q, video, integer(params, "size", 20)));
    }

    /** A keyframe JPEG, only from under {@code data/keyframes} (no way out with {@code ..}). */
    private void thumbnail(HttpExchange ex, String relative) throws IOException {
        Path root = data.resolve("keyframes");
        Path file = data.resolve(relative).normalize();
        if (!file.startsWith(root) || !relative.endsWith(".jpg") || !Files.isRegularFile(file)) {
            error(ex, 404, "no such thumbnail");
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "image/jpeg");
        ex.getResponseHeaders().set("Cache-Control", "max-age=3600");
        send(ex, 200, Files.readAllBytes(file));
    }

    private void page(HttpExchange ex, String name) throws IOException {
        byte[] body;
        try (InputStream in = SearchServer.class.getResourceAsStream(WEB + name)) {
            if (in == null) {
                error(ex, 404, "missing resource " + name);
                return;
            }
            body = in.readAllBytes();
        }
        String type =
                name.endsWith(".html")
                        ? "text/html; charset=utf-8"
                        : name.endsWith(".js")
                                ? "text/javascript; charset=utf-8"
                                : "text/css; charset=utf-8";
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Content-Security-Policy", CSP);
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        send(ex, 200, body);
    }

    private static void json(HttpExchange ex, int status, Object value) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, status, JSON.writeValueAsBytes(value));
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        json(ex, status, Map.of("error", message == null ? "error" : message));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
            params.put(name, value);
        }
        return params;
    }

    /** A path part: '+' is a plus sign there. */
    private static String decode(String s) {
        return decodeQuery(s.replace("+", "%2B"));
    }

    /** A query string part: '+' is a space there (forms, URLSearchParams). */
    private static String decodeQuery(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("badly encoded URL part: " + s);
        }
    }

    private static int integer(Map<String, String> params, String name, int fallback) {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
        }
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
