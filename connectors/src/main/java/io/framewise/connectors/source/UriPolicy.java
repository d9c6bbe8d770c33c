package io.framewise.connectors.source;

import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.shots.VideoException.Code;
import java.io.Serializable;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URIs Framewise reads: the scheme allow-list for URIs that arrive in upload events, and the
 * address check that keeps http(s) fetches off loopback, private and link-local networks (a URI in
 * an event must not reach the cloud metadata service or other internal endpoints) unless the
 * configuration allows it.
 */
public final class UriPolicy implements Serializable {

    private static final long serialVersionUID = 1L;

    private final SourceConfig config;

    public UriPolicy(SourceConfig config) {
        this.config = config;
    }

    /**
     * Checks a URI from an upload event without network access: well formed, absolute, an allowed
     * scheme, a host (or bucket) where the scheme needs one, and no literal non-public address.
     *
     * @return null when the URI is acceptable, else the reason it is not
     */
    public String rejectEventUri(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (Exception e) {
            return "uri is not a valid URI: " + e.getMessage();
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            return "uri has no scheme (expected one of " + config.allowedSchemes() + ")";
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!config.allowedSchemes().contains(scheme)) {
            return "uri scheme '"
                    + scheme
                    + "' is not allowed (sources.allowed-schemes: "
                    + String.join(",", config.allowedSchemes())
                    + ")";
        }
        if (uri.isOpaque()) {
            return "uri must be hierarchical, such as s3://bucket/key";
        }
        if (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isEmpty())) {
            return "uri has no host or bucket: " + text;
        }
        if (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().endsWith("/")) {
            return "uri does not name an object: " + text;
        }
        if (isHttp(scheme) && !config.allowPrivateAddresses() && isIpLiteral(uri.getHost())) {
            try {
                InetAddress address = InetAddress.getByName(stripBrackets(uri.getHost()));
                if (!isPublic(address)) {
                    return "uri points at a non-public address ("
                            + address.getHostAddress()
                            + "); sources.allow-private-addresses is false";
                }
            } catch (UnknownHostException e) {
                return "uri host is not a valid address: " + uri.getHost();
            }
        }
        return null;
    }

    /**
     * Resolves an http(s) URI's host and rejects it when any of its addresses is not public, unless
     * private addresses are allowed. Other schemes pass.
     */
    public void checkAddress(URI uri) throws VideoException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!isHttp(scheme) || config.allowPrivateAddresses()) {
            return;
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new VideoException(Code.URI_REJECTED, "no host in " + uri);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(stripBrackets(host));
        } catch (UnknownHostException e) {
            throw new VideoException(Code.FETCH_FAILED, "unknown host " + host + ": " + uri);
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a)) {
                throw new VideoException(
                        Code.URI_REJECTED,
                        host
                                + " resolves to a non-public address ("
                                + a.getHostAddress()
                                + "); sources.allow-private-addresses is false: "
                                + uri);
            }
        }
    }

    /**
     * True for a globally routable unicast address: not loopback, unspecified, private (RFC 1918,
     * unique local), link-local, carrier-grade NAT, multicast, benchmarking, documentation or
     * reserved, including IPv4 addresses embedded in IPv6 (mapped, compatible, NAT64, 6to4).
     */
    public static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            if (first == 0x20
                    && (b[1] & 0xff) == 0x01
                    && (b[2] & 0xff) == 0x0d
                    && (b[3] & 0xff) == 0xb8) {
                return false; // 2001:db8::/32 documentation
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x02) {
                return isPublicV4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4
            }
            boolean zero80 = true;
            for (int i = 0; i < 10; i++) {
                zero80 &= b[i] == 0;
            }
            if (zero80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // mapped
            }
            if (zero80 && b[10] == 0 && b[11] == 0) {
                return false; // compatible (deprecated) and ::/96
            }
            if (first == 0x00
                    && (b[1] & 0xff) == 0x64
                    && (b[2] & 0xff) == 0xff
                    && (b[3] & 0xff) == 0x9b) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // NAT64
            }
            return true;
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0 // this network
                || a0 == 10
                || a0 == 127
                || (a0 == 100 && a1 >= 64 && a1 <= 127) // carrier-grade NAT
                || (a0 == 169 && a1 == 254)
                || (a0 == 172 && a1 >= 16 && a1 <= 31)
                || (a0 == 192 && a1 == 0 && a2 == 0) // IETF protocol assignments
                || (a0 == 192 && a1 == 0 && a2 == 2) // documentation
                || (a0 == 192 && a1 == 168)
                || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100) // documentation
                || (a0 == 203 && a1 == 0 && a2 == 113) // documentation
                || a0 >= 224); // multicast, reserved, broadcast
    }

    static boolean isHttp(String scheme) {
        return scheme.equals("http") || scheme.equals("https");
    }

    private static boolean isIpLiteral(String host) {
        return host != null && (host.startsWith("[") || host.matches("[0-9.]+"));
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1)
                : host;
    }
}
