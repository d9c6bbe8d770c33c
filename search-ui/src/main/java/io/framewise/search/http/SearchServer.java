package io.framewise.search.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.framewise.search.NotFoundException;
import io.framewise.search.SearchQuery;
import io.framewise.search.SearchService;
import io.framewise.search.SearchUnavailableException;
import io.framewise.search.VideoMedia;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search API and the web page, served by one process on Jetty 12 (core handlers, no servlets).
 *
 * <ul>
 *   <li>{@code GET
 *       /api/search?q=&video=&date_from=&date_to=&cluster=&from=&size=&mode=hybrid|text|vector}
 *   <li>{@code GET /api/videos}, {@code GET /api/videos/{id}} (how to play it, scenes, shots with
 *       their text)
 *   <li>{@code GET /api/videos/{id}/media}: the video's file, with range requests (206), only for a
 *       video in the index whose file is local and plays in browsers
 *   <li>{@code GET /api/clusters} (the clusters the frames are in, for the cluster filter)
 *   <li>{@code GET /api/frames/{id}/similar?size=} (the id is {@code video/shot/frame})
 *   <li>{@code GET /thumbnails/keyframes/...}: keyframe JPEGs from the data directory
 *   <li>{@code GET /}: the page ({@code index.html}, {@code app.js}, {@code app.css}; nothing from
 *       other sites, enforced by a Content-Security-Policy, and never inside another site's frame)
 * </ul>
 *
 * <p>Answers are JSON with snake_case names, errors included: a bad parameter or a malformed URL is
 * 400 with {@code {"error": ...}}, a path too long 414, headers too large 431, a Host header that
 * does not name this server 421, an unknown video or frame 404, Elasticsearch unreachable 503;
 * never a stack trace or an internal address. The limits ({@link ServerSettings}): idle connections
 * (also half-sent request heads) are closed, connections and threads are bounded. One access log
 * line per request at INFO on {@value #ACCESS_LOG}, without query strings (they hold what people
 * search for).
 */
public final class SearchServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SearchServer.class);

    /** The access log's logger name. */
    public static final String ACCESS_LOG = "io.framewise.search.access";

    /** Client, method, path without the query, protocol, status, bytes sent, milliseconds. */
    static final String ACCESS_FORMAT = "%{client}a \"%m %U %H\" %s %O %{ms}T ms";

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
    static final String CSP =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                    + " media-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self';"
                    + " frame-ancestors 'none'";

    /** Bytes copied per write while streaming a video. */
    private static final int CHUNK = 64 * 1024;

    private final Server jetty;
    private final ServerConnector connector;
    private final SearchService search;
    private final Path data;
    private final ServerSettings settings;

    private SearchServer(
            Server jetty,
            ServerConnector connector,
            SearchService search,
            Path data,
            ServerSettings settings) {
        this.jetty = jetty;
        this.connector = connector;
        this.search = search;
        this.data = data;
        this.settings = settings;
    }

    /**
     * Starts serving with the default limits.
     *
     * @param data the indexing job's output directory: thumbnails come from its {@code keyframes/}
     * @param host the address to listen on, e.g. {@code 127.0.0.1}
     * @param port the port, 0 for any free one
     */
    public static SearchServer start(SearchService search, Path data, String host, int port)
            throws IOException {
        return start(search, data, ServerSettings.of(host, port));
    }

    /**
     * Starts serving.
     *
     * @param data the indexing job's output directory: thumbnails come from its {@code keyframes/}
     * @throws BindException when the port is taken
     */
    public static SearchServer start(SearchService search, Path data, ServerSettings settings)
            throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), 4);
        threads.setName("search-http");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(settings.maxHeadBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector =
                new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        jetty.addConnector(connector);
        jetty.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));
        jetty.setErrorHandler(new JsonErrorHandler());
        Slf4jRequestLogWriter log = new Slf4jRequestLogWriter();
        log.setLoggerName(ACCESS_LOG);
        jetty.setRequestLog(new CustomRequestLog(log, ACCESS_FORMAT));
        jetty.setStopTimeout(2_000);
        SearchServer server =
                new SearchServer(
                        jetty, connector, search, data.toAbsolutePath().normalize(), settings);
        jetty.setHandler(server.new Routes());
        try {
            jetty.start();
        } catch (Exception e) {
            server.close();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException b) {
                    throw b;
                }
            }
            throw e instanceof IOException io
                    ? io
                    : new IOException("cannot start the search server: " + e.getMessage(), e);
        }
        return server;
    }

    /** {@code http://HOST:PORT}. */
    public String url() {
        String host = settings.host();
        try {
            InetAddress a = InetAddress.getByName(host);
            if (a.isAnyLocalAddress()) {
                host = "127.0.0.1";
            } else if (host.contains(":")) {
                host = "[" + host + "]";
            }
        } catch (IOException e) {
            // a name that does not resolve is used as given
        }
        return "http://" + host + ":" + port();
    }

    public int port() {
        return connector.getLocalPort();
    }

    public ServerSettings settings() {
        return settings;
    }

    /** Every request: the Host check, then the API, the thumbnails and the page. */
    private final class Routes extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            HttpFields.Mutable headers = response.getHeaders();
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("X-Frame-Options", "DENY");
            headers.put("Referrer-Policy", "no-referrer");
            if (!allowedHost(request)) {
                json(
                        request,
                        response,
                        callback,
                        421,
                        error(
                                "this server does not answer for that Host name: use its own"
                                        + " address, or list the name in server.allowed-hosts"));
                return true;
            }
            String method = request.getMethod();
            if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
                headers.put(HttpHeader.ALLOW, "GET, HEAD");
                json(request, response, callback, 405, error("only GET is served"));
                return true;
            }
            String path = Request.getPathInContext(request);
            try {
                route(request, response, callback, path);
            } catch (IllegalArgumentException e) {
                json(request, response, callback, 400, error(e.getMessage()));
            } catch (NotFoundException e) {
                json(request, response, callback, 404, error(e.getMessage()));
            } catch (SearchUnavailableException e) {
                LOG.warn("search unavailable: {}", e.getMessage());
                json(request, response, callback, 503, error(e.publicMessage()));
            } catch (IOException | RuntimeException e) {
                LOG.error("error answering {} {}", method, abbreviate(path), e);
                if (response.isCommitted()) {
                    callback.failed(e);
                } else {
                    json(request, response, callback, 500, error("internal error"));
                }
            }
            return true;
        }
    }

    private boolean allowedHost(Request request) {
        if (!settings.allows(request.getHeaders().get(HttpHeader.HOST))) {
            return false;
        }
        // An absolute-form request line names a host too.
        String uriHost = request.getHttpURI().isAbsolute() ? request.getHttpURI().getHost() : null;
        return uriHost == null || settings.allows(uriHost);
    }

    private void route(Request request, Response response, Callback callback, String path)
            throws IOException {
        Map<String, String> params = params(request.getHttpURI().getQuery());
        if (path.equals("/api/search")) {
            json(request, response, callback, 200, search.search(SearchQuery.parse(params)));
        } else if (path.equals("/api/clusters")) {
            json(request, response, callback, 200, Map.of("clusters", search.clusters()));
        } else if (path.equals("/api/videos")) {
            json(request, response, callback, 200, Map.of("videos", search.videos()));
        } else if (path.startsWith("/api/videos/") && path.endsWith("/media")) {
            String id = path.substring("/api/videos/".length(), path.length() - "/media".length());
            media(request, response, callback, search.videoFile(needed(id, "a video")));
        } else if (path.startsWith("/api/videos/")) {
            String id = path.substring("/api/videos/".length());
            json(request, response, callback, 200, search.video(needed(id, "a video")));
        } else if (path.equals("/api/spoken")) {
            json(request, response, callback, 200, spoken(params));
        } else if (path.startsWith("/api/frames/") && path.endsWith("/similar")) {
            String id =
                    path.substring("/api/frames/".length(), path.length() - "/similar".length());
            json(
                    request,
                    response,
                    callback,
                    200,
                    search.similar(needed(id, "a frame"), integer(params, "size", 12)));
        } else if (path.startsWith("/api/")) {
            json(request, response, callback, 404, error("no such API: " + abbreviate(path)));
        } else if (path.startsWith("/thumbnails/")) {
            thumbnail(request, response, callback, path.substring("/thumbnails/".length()));
        } else if (PAGES.containsKey(path)) {
            page(request, response, callback, PAGES.get(path));
        } else {
            json(request, response, callback, 404, error("not found: " + abbreviate(path)));
        }
    }

    private static String needed(String id, String what) {
        if (id.isBlank()) {
            throw new IllegalArgumentException(what + " id is needed in the path");
        }
        return id;
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
    private void thumbnail(Request request, Response response, Callback callback, String relative)
            throws IOException {
        Path root = data.resolve("keyframes");
        Path file = data.resolve(relative).normalize();
        if (!file.startsWith(root) || !relative.endsWith(".jpg") || !Files.isRegularFile(file)) {
            json(request, response, callback, 404, error("no such thumbnail"));
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "image/jpeg");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "max-age=3600");
        send(request, response, callback, 200, Files.readAllBytes(file));
    }

    /**
     * A video's file: the whole of it (200) or one byte range (206), {@code Accept-Ranges: bytes};
     * 416 for a range past its end. Streamed in chunks, never read whole into memory.
     */
    private void media(Request request, Response response, Callback callback, VideoMedia video)
            throws IOException {
        VideoMedia.Stat stat;
        try {
            stat = video.stat();
        } catch (FileNotFoundException | NoSuchFileException e) {
            json(
                    request,
                    response,
                    callback,
                    404,
                    error("the video is no longer where it was indexed"));
            return;
        }
        long size = stat.size();
        long modified = stat.modified();
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified) + "\"";
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
        headers.put(HttpHeader.ETAG, etag);
        headers.putDate(HttpHeader.LAST_MODIFIED, modified);
        headers.put(HttpHeader.CACHE_CONTROL, "private, max-age=3600");
        Optional<ByteRange> range;
        String ifRange = request.getHeaders().get(HttpHeader.IF_RANGE);
        try {
            range =
                    ifRange == null || ifRange.equals(etag)
                            ? ByteRange.parse(request.getHeaders().get(HttpHeader.RANGE), size)
                            : Optional.empty();
        } catch (ByteRange.Unsatisfiable e) {
            headers.put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
            json(
                    request,
                    response,
                    callback,
                    416,
                    error("the range is outside the video: " + e.getMessage()));
            return;
        }
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        response.setStatus(range.isPresent() ? 206 : 200);
        headers.put(HttpHeader.CONTENT_TYPE, video.type());
        headers.put(HttpHeader.CONTENT_LENGTH, length);
        range.ifPresent(r -> headers.put(HttpHeader.CONTENT_RANGE, r.contentRange(size)));
        if (HttpMethod.HEAD.is(request.getMethod())) {
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return;
        }
        try (InputStream in = video.open(first);
                OutputStream out = Content.Sink.asOutputStream(response)) {
            byte[] buffer = new byte[CHUNK];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(CHUNK, left));
                if (n < 0) {
                    throw new IOException("the video got shorter while it was sent");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            // Players drop connections all the time (seeking); nothing to log.
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    private void page(Request request, Response response, Callback callback, String name)
            throws IOException {
        byte[] body;
        try (InputStream in = SearchServer.class.getResourceAsStream(WEB + name)) {
            if (in == null) {
                json(request, response, callback, 404, error("missing resource " + name));
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
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put("Content-Security-Policy", CSP);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        send(request, response, callback, 200, body);
    }

    static Map<String, String> error(String message) {
        return Map.of("error", message == null ? "error" : message);
    }

    static void json(
            Request request, Response response, Callback callback, int status, Object value) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            LOG.error("cannot write an answer as JSON", e);
            status = 500;
            body = "{\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        send(request, response, callback, status, body);
    }

    private static void send(
            Request request, Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(new HttpField(HttpHeader.CONTENT_LENGTH, "" + body.length));
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        response.write(true, head ? BufferUtil.EMPTY_BUFFER : ByteBuffer.wrap(body), callback);
    }

    /** A path as far as it is worth quoting in an answer or a log line. */
    static String abbreviate(String path) {
        return path.length() <= 200 ? path : path.substring(0, 200) + "…";
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

    /** A query string part: '+' is a space there (forms, URLSearchParams). */
    private static String decodeQuery(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "badly encoded URL: a '%' must be followed by two hex digits");
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
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("stopping the search server: {}", e.toString());
        }
    }
}
