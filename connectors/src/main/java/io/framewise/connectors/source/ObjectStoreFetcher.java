package io.framewise.connectors.source;

import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.remote.Backoff;
import io.framewise.pipeline.remote.Outage;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.shots.VideoException.Code;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.UnsupportedFileSystemSchemeException;

/**
 * The {@link VideoFetcher} for object storage, HTTP and local files.
 *
 * <p>Local files ({@code file:}) are used where they lie. Anything else is streamed, never held in
 * memory, into a spill file under {@code sources.spill-dir}: {@code s3://} and every other scheme
 * through Flink's file systems (on a cluster the S3 plugin, configured with {@code s3.endpoint},
 * {@code s3.path.style.access}, {@code s3.access-key} and {@code s3.secret-key}); {@code
 * http(s)://} with the JDK's client, its host (and every redirect's) checked by {@link UriPolicy}
 * first. Recent copies are kept up to {@code sources.spill-cache-bytes}, so that the segments of
 * one video need one download per subtask; {@link #close()} deletes them all.
 */
public final class ObjectStoreFetcher implements VideoFetcher {

    private static final int MAX_REDIRECTS = 5;

    /** Waits between attempts at a failing store: from 1 s, doubling, at most 30 s. */
    static final Backoff RETRY = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final SourceConfig config;
    private final UriPolicy policy;
    private final Map<String, Path> cache = new LinkedHashMap<>(16, 0.75f, true);
    private Path dir;
    private long cachedBytes;
    private long sequence;
    private HttpClient http;

    public ObjectStoreFetcher(SourceConfig config) {
        this.config = config;
        this.policy = new UriPolicy(config);
    }

    /** A serializable factory for the job: each operator instance opens its own fetcher. */
    public static VideoFetcher.Factory factory(SourceConfig config) {
        return () -> new ObjectStoreFetcher(config);
    }

    @Override
    public Path fetch(VideoRef video) throws VideoException {
        if (video.isLocal()) {
            return video.path();
        }
        URI uri;
        try {
            uri = new URI(video.uri());
        } catch (URISyntaxException e) {
            throw new VideoException(Code.URI_REJECTED, "not a valid URI: " + video.uri());
        }
        Path cached = cache.get(video.uri());
        if (cached != null && Files.exists(cached)) {
            return cached;
        }
        Path spill = spillFile(uri);
        Outage outage =
                Outage.of(
                        FramewiseMetrics.STORAGE,
                        "storage " + store(uri),
                        ObjectStoreFetcher.class);
        long deadline = System.nanoTime() + config.fetchRetryFor().toNanos();
        for (int failed = 1; ; failed++) {
            try {
                String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                if (UriPolicy.isHttp(scheme)) {
                    downloadHttp(uri, spill);
                } else {
                    copyFromFileSystem(uri, spill);
                }
                outage.succeeded();
                remember(video.uri(), spill);
                return spill;
            } catch (VideoException e) {
                // An answer about the video (no such object, a refused URI): no outage.
                deleteQuietly(spill);
                throw e;
            } catch (IOException | RuntimeException e) {
                deleteQuietly(spill);
                String why = e.getClass().getSimpleName() + ": " + e.getMessage();
                outage.failed(why);
                long wait = RETRY.delayNanos(failed, -1);
                if (System.nanoTime() + wait - deadline > 0) {
                    throw new VideoException(
                            Code.FETCH_FAILED, "cannot read " + video.uri() + ": " + why);
                }
                try {
                    Thread.sleep(wait / 1_000_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new VideoException(
                            Code.FETCH_FAILED, "interrupted while reading " + video.uri());
                }
            }
        }
    }

    /** The store a URI is in, as an outage names it: scheme and host (the bucket). */
    private static String store(URI uri) {
        return uri.getScheme() + "://" + (uri.getHost() == null ? "" : uri.getHost());
    }

    private void copyFromFileSystem(URI uri, Path spill) throws IOException, VideoException {
        FileSystem fs;
        try {
            fs = FileSystem.get(uri);
        } catch (UnsupportedFileSystemSchemeException e) {
            throw new VideoException(
                    Code.URI_REJECTED,
                    "no file system for scheme '"
                            + uri.getScheme()
                            + "' here (for s3://, install flink-s3-fs-hadoop): "
                            + uri);
        }
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(uri);
        try (FSDataInputStream in = fs.open(path);
                OutputStream out = Files.newOutputStream(spill)) {
            in.transferTo(out);
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw new VideoException(Code.NOT_FOUND, "no object at " + uri);
        }
    }

    private void downloadHttp(URI uri, Path spill) throws IOException, VideoException {
        if (http == null) {
            http =
                    HttpClient.newBuilder()
                            .connectTimeout(config.httpTimeout())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
        }
        URI next = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            // Every hop is checked: a public URL must not redirect into an internal network.
            policy.checkAddress(next);
            HttpRequest request =
                    HttpRequest.newBuilder(next).timeout(config.httpTimeout()).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VideoException(Code.FETCH_FAILED, "interrupted while reading " + uri);
            }
            int status = response.statusCode();
            try (InputStream body = response.body()) {
                if (status == 200) {
                    try (OutputStream out = Files.newOutputStream(spill)) {
                        body.transferTo(out);
                    }
                    return;
                }
                Optional<String> location = response.headers().firstValue("Location");
                if (status >= 300 && status < 400 && location.isPresent()) {
                    next = next.resolve(location.get());
                    String scheme = next.getScheme() == null ? "" : next.getScheme();
                    if (!UriPolicy.isHttp(scheme.toLowerCase(Locale.ROOT))) {
                        throw new VideoException(
                                Code.URI_REJECTED, "redirect to a non-http URI: " + next);
                    }
                    continue;
                }
                if (status == 404 || status == 410) {
                    throw new VideoException(Code.NOT_FOUND, "HTTP " + status + " for " + uri);
                }
                throw new VideoException(Code.FETCH_FAILED, "HTTP " + status + " for " + uri);
            }
        }
        throw new VideoException(
                Code.FETCH_FAILED, "more than " + MAX_REDIRECTS + " redirects for " + uri);
    }

    private Path spillFile(URI uri) throws VideoException {
        try {
            if (dir == null) {
                Path base =
                        config.spillDir().isEmpty()
                                ? Path.of(System.getProperty("java.io.tmpdir"))
                                : Path.of(config.spillDir());
                Files.createDirectories(base);
                dir = Files.createTempDirectory(base, "framewise-spill-");
            }
        } catch (IOException e) {
            throw new VideoException(
                    Code.FETCH_FAILED, "cannot create a spill directory: " + e.getMessage());
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.length() > 80) {
            name = name.substring(name.length() - 80);
        }
        return dir.resolve((sequence++) + "-" + (name.isEmpty() ? "video" : name));
    }

    private void remember(String uri, Path spill) {
        long size = sizeOf(spill);
        cache.put(uri, spill);
        cachedBytes += size;
        // Evict the least recently used copies, never the one just made.
        Iterator<Map.Entry<String, Path>> it = cache.entrySet().iterator();
        while (cachedBytes > config.spillCacheBytes() && it.hasNext()) {
            Map.Entry<String, Path> eldest = it.next();
            if (eldest.getValue().equals(spill)) {
                continue;
            }
            cachedBytes -= sizeOf(eldest.getValue());
            deleteQuietly(eldest.getValue());
            it.remove();
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover spill file is removed with its directory on close.
        }
    }

    @Override
    public void close() {
        cache.values().forEach(ObjectStoreFetcher::deleteQuietly);
        cache.clear();
        cachedBytes = 0;
        if (dir != null) {
            try (var files = Files.list(dir)) {
                files.forEach(ObjectStoreFetcher::deleteQuietly);
            } catch (IOException e) {
                // Nothing more to do: the directory is in the temp area.
            }
            deleteQuietly(dir);
            dir = null;
        }
    }
}
