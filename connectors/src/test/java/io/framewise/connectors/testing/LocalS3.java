package io.framewise.connectors.testing;

import io.framewise.connectors.storage.FileSystems;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.fs.FileSystem;

/**
 * A real S3-compatible server, s3proxy with its filesystem backend (buckets are directories under
 * {@code dir/data}), on a free local port, from the self-contained jar the system property {@code
 * framewise.s3proxy.jar} names. Tests talk to it through Flink's S3 file system, configured by
 * {@link #flinkSettings()}.
 */
public final class LocalS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "local-identity";
    public static final String SECRET_KEY = "local-credential";

    private final ServerProcess server;
    private final String endpoint;
    private final Path data;

    private LocalS3(ServerProcess server, String endpoint, Path data) {
        this.server = server;
        this.endpoint = endpoint;
        this.data = data;
    }

    public static LocalS3 start(Path dir, Path pidDir) throws Exception {
        Path jar = TestServers.dir("framewise.s3proxy.jar", "target/servers/s3proxy.jar");
        Path data = Files.createDirectories(dir.resolve("data")).toAbsolutePath();
        int port = FreePorts.next();
        String endpoint = "http://127.0.0.1:" + port;
        Path conf = dir.resolve("s3proxy.conf");
        // An absolute basedir: with a relative one, listings come back empty (dependencies.md).
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "s3proxy.endpoint=" + endpoint,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + SECRET_KEY,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + data,
                        ""));
        ServerProcess server =
                ServerProcess.start(
                        "s3proxy",
                        dir,
                        List.of(
                                ServerProcess.java(),
                                "-Xmx192m",
                                "-XX:+UseSerialGC",
                                "-jar",
                                jar.toAbsolutePath().toString(),
                                "--properties",
                                conf.toAbsolutePath().toString()),
                        Map.of(),
                        pidDir);
        LocalS3 s3 = new LocalS3(server, endpoint, data);
        try {
            ServerProcess.await(
                    Duration.ofSeconds(60),
                    "s3proxy to answer",
                    s3::answers,
                    () -> server.logTail(30));
        } catch (RuntimeException | Error | InterruptedException e) {
            s3.close();
            throw e;
        }
        return s3;
    }

    private boolean answers() throws IOException {
        if (!server.isAlive()) {
            throw new IllegalStateException("s3proxy exited:\n" + server.logTail(30));
        }
        HttpURLConnection c =
                (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(2000);
        try {
            // Anonymous requests are refused (403), which is an answer.
            return c.getResponseCode() > 0;
        } finally {
            c.disconnect();
        }
    }

    public String endpoint() {
        return endpoint;
    }

    /** Creates a bucket (the filesystem backend keeps one as a directory). */
    public void createBucket(String bucket) throws IOException {
        Files.createDirectories(data.resolve(bucket));
    }

    /** Flink's S3 settings for this server ({@code s3.*}, as in a cluster's config.yaml). */
    public Map<String, String> flinkSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("s3.endpoint", endpoint);
        s.put("s3.path.style.access", "true");
        s.put("s3.access-key", ACCESS_KEY);
        s.put("s3.secret-key", SECRET_KEY);
        s.put("s3.endpoint.region", "us-east-1");
        return s;
    }

    /**
     * Points this JVM's Flink file systems (s3://) at this server, loading the S3 file system as a
     * plugin from the directory the system property {@code framewise.plugins.dir} names.
     */
    public void initializeFlinkFileSystems() {
        FileSystems.initialize(
                flinkSettings(),
                TestServers.dir("framewise.plugins.dir", "target/servers/plugins"));
    }

    /** Uploads a local file to {@code s3://bucket/key} through Flink's S3 file system. */
    public void put(String s3Uri, Path file) throws IOException {
        org.apache.flink.core.fs.Path target = new org.apache.flink.core.fs.Path(s3Uri);
        try (OutputStream out =
                        target.getFileSystem().create(target, FileSystem.WriteMode.OVERWRITE);
                InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
