package io.framewise.connectors.source;

import static io.framewise.pipeline.config.Settings.require;

import io.framewise.pipeline.config.Settings;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where videos may be read from and how ({@code sources.*}), parsed and validated once.
 *
 * <p>Every key, default and meaning is in {@link #KEYS} and in {@code connectors/README.md}.
 *
 * @param allowedSchemes URI schemes an upload event may point at; any other is rejected
 * @param allowPrivateAddresses whether http(s) URIs may reach loopback, private, link-local and
 *     other non-public addresses (off: a URI in an event must not reach internal services)
 * @param spillDir directory for the local copies of remote videos; empty: the JVM's temp dir
 * @param spillCacheBytes each operator instance keeps recent copies up to this many bytes, so that
 *     the next segment of the same video needs no second download
 * @param httpTimeout connect and read timeout of http(s) fetches
 * @param videoExtensions file name extensions a storage listing takes for videos
 * @param fetchRetryFor how long reading a video from storage is tried again (back-off from 1 s to
 *     30 s) before the video fails as {@code fetch_failed}: an outage of the store shorter than
 *     this costs time, not videos
 */
public record SourceConfig(
        Set<String> allowedSchemes,
        boolean allowPrivateAddresses,
        String spillDir,
        long spillCacheBytes,
        Duration httpTimeout,
        Set<String> videoExtensions,
        Duration fetchRetryFor)
        implements Serializable {

    /** Keys with their defaults, in documentation order. */
    public static final Map<String, String> KEYS = defaultKeys();

    /** The extensions a listing takes for videos unless configured otherwise. */
    public static final String DEFAULT_EXTENSIONS =
            "mp4,m4v,mov,mkv,webm,avi,ts,mts,m2ts,mpg,mpeg,flv,wmv,3gp,ogv";

    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

    private static Map<String, String> defaultKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("sources.allowed-schemes", "s3,s3a,https,http");
        keys.put("sources.allow-private-addresses", "false");
        keys.put("sources.spill-dir", "");
        keys.put("sources.spill-cache-bytes", "2147483648");
        keys.put("sources.http-timeout", "PT30S");
        keys.put("sources.video-extensions", DEFAULT_EXTENSIONS);
        keys.put("sources.fetch-retry-for", "PT2M");
        return Collections.unmodifiableMap(keys);
    }

    public SourceConfig {
        allowedSchemes = Collections.unmodifiableSet(new LinkedHashSet<>(allowedSchemes));
        videoExtensions = Collections.unmodifiableSet(new LinkedHashSet<>(videoExtensions));
        for (String s : allowedSchemes) {
            require(
                    SCHEME.matcher(s).matches(),
                    "sources.allowed-schemes must be URI schemes such as s3,https, got '"
                            + s
                            + "'");
        }
        require(
                spillCacheBytes >= 0,
                "sources.spill-cache-bytes must be 0 or more, got " + spillCacheBytes);
        require(
                !httpTimeout.isNegative() && !httpTimeout.isZero(),
                "sources.http-timeout must be positive, got " + httpTimeout);
        require(
                !fetchRetryFor.isNegative(),
                "sources.fetch-retry-for must be zero or positive, got " + fetchRetryFor);
        require(
                !videoExtensions.isEmpty(),
                "sources.video-extensions must name at least one extension");
    }

    /** The documented defaults. */
    public static SourceConfig defaults() {
        return from(new Properties());
    }

    /** Reads the {@code sources.*} keys of {@code props}; an unknown one is an error. */
    public static SourceConfig from(Properties props) {
        Settings s = Settings.of(props, "sources.", KEYS);
        long cache;
        try {
            cache = Long.parseLong(s.text("sources.spill-cache-bytes"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "sources.spill-cache-bytes must be a whole number of bytes, got '"
                            + s.text("sources.spill-cache-bytes")
                            + "'");
        }
        return new SourceConfig(
                list(s.text("sources.allowed-schemes")),
                s.bool("sources.allow-private-addresses"),
                s.text("sources.spill-dir"),
                cache,
                s.duration("sources.http-timeout"),
                list(s.text("sources.video-extensions")),
                s.duration("sources.fetch-retry-for"));
    }

    /** True when a file of this name is taken for a video by a listing. */
    public boolean looksLikeVideo(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0
                && !fileName.startsWith(".")
                && videoExtensions.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static Set<String> list(String text) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(t -> !t.isEmpty())
                .map(t -> t.toLowerCase(Locale.ROOT))
                .forEach(out::add);
        return out;
    }
}
