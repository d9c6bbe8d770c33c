package io.framewise.search.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * How the search server listens and what it bears: address, port, the Host names it answers for,
 * connection and thread limits, timeouts and the largest request head.
 *
 * <p>Parsed once from {@code server.*} settings ({@link #from}); every limit has a default that
 * suits one person's machine and a small team's server alike.
 *
 * @param host the address to listen on, e.g. {@code 127.0.0.1}
 * @param port the port, 0 for any free one
 * @param allowedHosts the Host header names answered (lower case, no port): the bind address,
 *     {@code localhost} and {@code server.allowed-hosts}; others get 421
 * @param maxConnections open connections at most; beyond it the server stops accepting until one
 *     closes
 * @param idleTimeout a connection that sends or takes nothing for this long is closed, also in the
 *     middle of a request's head
 * @param maxThreads request threads at most (searches block on Elasticsearch)
 * @param maxHeadBytes the request line and headers together at most: a longer path is 414, longer
 *     headers 431
 */
public record ServerSettings(
        String host,
        int port,
        Set<String> allowedHosts,
        int maxConnections,
        Duration idleTimeout,
        int maxThreads,
        int maxHeadBytes) {

    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_MAX_THREADS = 32;
    public static final int DEFAULT_MAX_HEAD_BYTES = 8192;

    public ServerSettings {
        allowedHosts = Set.copyOf(allowedHosts);
    }

    /** The defaults, listening on {@code host:port}. */
    public static ServerSettings of(String host, int port) {
        return from(new Properties(), host, port);
    }

    /**
     * From the {@code server.*} settings: {@code server.allowed-hosts} (comma-separated names
     * answered besides the bind address and {@code localhost}), {@code server.max-connections}
     * (256), {@code server.idle-timeout-ms} (20000), {@code server.max-threads} (32), {@code
     * server.max-head-bytes} (8192).
     *
     * @throws IllegalArgumentException naming the key and what it takes
     */
    public static ServerSettings from(Properties settings, String host, int port) {
        Set<String> hosts = new LinkedHashSet<>(defaultHosts(host));
        for (String name : settings.getProperty("server.allowed-hosts", "").split(",")) {
            if (!name.isBlank()) {
                hosts.add(normalise(name));
            }
        }
        return new ServerSettings(
                host,
                port,
                hosts,
                integer(settings, "server.max-connections", DEFAULT_MAX_CONNECTIONS, 2, 100_000),
                Duration.ofMillis(
                        integer(
                                settings,
                                "server.idle-timeout-ms",
                                (int) DEFAULT_IDLE_TIMEOUT.toMillis(),
                                100,
                                3_600_000)),
                integer(settings, "server.max-threads", DEFAULT_MAX_THREADS, 4, 1000),
                integer(settings, "server.max-head-bytes", DEFAULT_MAX_HEAD_BYTES, 1024, 65_536));
    }

    /** These settings on another port (0: any free one). */
    public ServerSettings withPort(int port) {
        return new ServerSettings(
                host, port, allowedHosts, maxConnections, idleTimeout, maxThreads, maxHeadBytes);
    }

    /**
     * Whether a request's Host header names this server; null or blank (HTTP/1.0) is refused, since
     * browsers always send one.
     */
    public boolean allows(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        return allowedHosts.contains(normalise(hostHeader));
    }

    /** The name in a Host header: lower case, without the port, IPv6 brackets kept. */
    static String normalise(String hostHeader) {
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
            h = h.substring(0, colon);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /**
     * The bind address (as given, and its literal address) and the loopback names; for a wildcard
     * bind ({@code 0.0.0.0}, {@code ::}) only the loopback names and this machine's name: other
     * names must be listed in {@code server.allowed-hosts}.
     */
    private static List<String> defaultHosts(String host) {
        List<String> out = new ArrayList<>(List.of("localhost", "127.0.0.1", "[::1]"));
        try {
            InetAddress a = InetAddress.getByName(host);
            if (a.isAnyLocalAddress()) {
                out.add(normalise(InetAddress.getLocalHost().getHostName()));
            } else {
                out.add(normalise(host.contains(":") ? "[" + host + "]" : host));
                String literal = a.getHostAddress();
                out.add(normalise(literal.contains(":") ? "[" + literal + "]" : literal));
            }
        } catch (UnknownHostException e) {
            out.add(normalise(host));
        }
        return out;
    }

    private static int integer(Properties settings, String key, int fallback, int min, int max) {
        String v = settings.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            n = min - 1;
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(
                    key
                            + " must be a whole number from "
                            + min
                            + " to "
                            + max
                            + ", got '"
                            + v
                            + "'");
        }
        return n;
    }
}
