package io.framewise.connectors.elasticsearch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A proxy in front of the real Elasticsearch that injects faults into bulk requests (HTTP errors,
 * connections closed without an answer) from a script, and can demand an Authorization header and
 * speak https. What it forwards, Elasticsearch answers.
 */
final class FaultyProxy implements AutoCloseable {

    /** What to do with one bulk request: forward it, answer with a status, or drop it. */
    enum Fault {
        PASS,
        TOO_MANY_REQUESTS,
        UNAVAILABLE,
        DROP,
        UNAUTHORIZED
    }

    private static final Set<String> HOP =
            Set.of("content-length", "transfer-encoding", "connection", "keep-alive");

    private final HttpServer server;
    private final String target;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ConcurrentLinkedQueue<Fault> script;
    private final Fault afterScript;
    private final String authorization;
    final AtomicInteger bulks = new AtomicInteger();
    final AtomicInteger faults = new AtomicInteger();

    private FaultyProxy(
            HttpServer server,
            String target,
            List<Fault> script,
            Fault afterScript,
            String authorization) {
        this.server = server;
        this.target = target;
        this.script = new ConcurrentLinkedQueue<>(script);
        this.afterScript = afterScript;
        this.authorization = authorization;
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** Plain http; {@code authorization} null to demand none. */
    static FaultyProxy http(String target, List<Fault> script, Fault after, String authorization)
            throws IOException {
        HttpServer s =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        return new FaultyProxy(s, target, script, after, authorization);
    }

    /** https with a self-signed certificate made by keytool; its PEM is written to {@code ca}. */
    static FaultyProxy https(String target, Path dir, Path ca) throws Exception {
        Path keystore = dir.resolve("proxy.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        exec(
                keytool,
                "-genkeypair",
                "-alias",
                "proxy",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        exec(
                keytool,
                "-exportcert",
                "-rfc",
                "-alias",
                "proxy",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-file",
                ca.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer s =
                HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        s.setHttpsConfigurator(new HttpsConfigurator(ssl));
        return new FaultyProxy(s, target, List.of(), Fault.PASS, null);
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
    }

    String url(String scheme) {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (authorization != null && !authorization.equals(auth)) {
                answer(ex, 401, "security_exception", "missing or wrong credentials");
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            if (path.endsWith("/_bulk")) {
                bulks.incrementAndGet();
                Fault f = script.poll();
                if (f == null) {
                    f = afterScript;
                }
                if (f != Fault.PASS) {
                    faults.incrementAndGet();
                    ex.getRequestBody().readAllBytes();
                    switch (f) {
                        case TOO_MANY_REQUESTS ->
                                answer(ex, 429, "es_rejected_execution_exception", "injected");
                        case UNAVAILABLE ->
                                answer(ex, 503, "unavailable_shards_exception", "injected");
                        case UNAUTHORIZED -> answer(ex, 401, "security_exception", "injected");
                        default -> {
                            // DROP: close the exchange without an answer.
                        }
                    }
                    return;
                }
            }
            forward(ex);
        }
    }

    private void forward(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String query = ex.getRequestURI().getRawQuery();
        HttpRequest.Builder b =
                HttpRequest.newBuilder(
                        URI.create(
                                target
                                        + ex.getRequestURI().getRawPath()
                                        + (query == null ? "" : "?" + query)));
        for (String header : List.of("Content-Type", "Accept")) {
            String value = ex.getRequestHeaders().getFirst(header);
            if (value != null) {
                b.header(header, value);
            }
        }
        b.method(
                ex.getRequestMethod(),
                body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        r.headers()
                .map()
                .forEach(
                        (name, values) -> {
                            if (!HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                                ex.getResponseHeaders().put(name, values);
                            }
                        });
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(r.statusCode(), head || r.body().length == 0 ? -1 : r.body().length);
        if (!head && r.body().length > 0) {
            ex.getResponseBody().write(r.body());
        }
    }

    private static void answer(HttpExchange ex, int status, String type, String reason)
            throws IOException {
        byte[] body =
                ("{\"error\":{\"root_cause\":[{\"type\":\""
                                + type
                                + "\",\"reason\":\""
                                + reason
                                + "\"}],\"type\":\""
                                + type
                                + "\",\"reason\":\""
                                + reason
                                + "\"},\"status\":"
                                + status
                                + "}")
                        .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("X-elastic-product", "Elasticsearch");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
