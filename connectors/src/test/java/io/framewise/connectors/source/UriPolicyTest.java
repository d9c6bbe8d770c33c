package io.framewise.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.pipeline.shots.VideoException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class UriPolicyTest {

    private static final UriPolicy DEFAULTS = new UriPolicy(SourceConfig.defaults());

    private static UriPolicy with(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return new UriPolicy(SourceConfig.from(p));
    }

    @Test
    void publicAndNonPublicAddresses() throws Exception {
        for (String ok :
                new String[] {"8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "100.128.0.1"}) {
            assertThat(UriPolicy.isPublic(InetAddress.getByName(ok))).as(ok).isTrue();
        }
        for (String bad :
                new String[] {
                    "127.0.0.1",
                    "127.9.9.9",
                    "0.0.0.0",
                    "10.1.2.3",
                    "172.16.0.1",
                    "172.31.255.255",
                    "192.168.1.1",
                    "169.254.169.254",
                    "100.64.0.1",
                    "100.127.255.255",
                    "224.0.0.1",
                    "255.255.255.255",
                    "198.18.0.1",
                    "192.0.2.5",
                    "::1",
                    "::",
                    "fe80::1",
                    "fc00::1",
                    "fd12:3456::1",
                    "::ffff:10.0.0.1",
                    "::ffff:127.0.0.1",
                    "64:ff9b::a9fe:a9fe",
                    "2002:c0a8:0101::1",
                    "2001:db8::1",
                    "ff02::1"
                }) {
            assertThat(UriPolicy.isPublic(InetAddress.getByName(bad))).as(bad).isFalse();
        }
    }

    @Test
    void eventUrisNeedAnAllowedSchemeAndAnObject() {
        assertThat(DEFAULTS.rejectEventUri("s3://videos/2024/a.mp4")).isNull();
        assertThat(DEFAULTS.rejectEventUri("https://cdn.example.com/v/a.mp4")).isNull();
        assertThat(DEFAULTS.rejectEventUri("file:///etc/passwd")).contains("scheme 'file'");
        assertThat(DEFAULTS.rejectEventUri("ftp://host/a.mp4")).contains("not allowed");
        assertThat(DEFAULTS.rejectEventUri("a.mp4")).contains("no scheme");
        assertThat(DEFAULTS.rejectEventUri("s3://videos/")).contains("does not name an object");
        assertThat(DEFAULTS.rejectEventUri("s3:///a.mp4")).contains("no host or bucket");
        assertThat(DEFAULTS.rejectEventUri("http://[::1")).contains("not a valid URI");
        assertThat(with("sources.allowed-schemes", "s3,file").rejectEventUri("file:///v/a.mp4"))
                .isNull();
    }

    @Test
    void literalNonPublicAddressesAreRejectedUnlessAllowed() {
        for (String uri :
                new String[] {
                    "http://127.0.0.1:8080/a.mp4",
                    "http://169.254.169.254/latest/meta-data/x",
                    "https://10.0.0.7/a.mp4",
                    "http://[::1]/a.mp4",
                    "http://2130706433/a.mp4"
                }) {
            assertThat(DEFAULTS.rejectEventUri(uri)).as(uri).contains("non-public address");
        }
        assertThat(
                        with("sources.allow-private-addresses", "true")
                                .rejectEventUri("http://127.0.0.1:8080/a.mp4"))
                .isNull();
    }

    @Test
    void resolvedNamesAreCheckedBeforeAFetch() throws Exception {
        assertThatThrownBy(() -> DEFAULTS.checkAddress(URI.create("http://localhost/a.mp4")))
                .isInstanceOf(VideoException.class)
                .hasMessageContaining("non-public address")
                .satisfies(
                        e -> assertThat(((VideoException) e).codeName()).isEqualTo("uri_rejected"));
        // Object storage goes through the file system's own endpoint configuration.
        DEFAULTS.checkAddress(URI.create("s3://videos/a.mp4"));
        with("sources.allow-private-addresses", "true")
                .checkAddress(URI.create("http://localhost/a.mp4"));
    }

    @Test
    void badSettingsNameTheKey() {
        assertThatThrownBy(() -> with("sources.allowed-schemes", "s3,Bad Scheme"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sources.allowed-schemes");
        assertThatThrownBy(() -> with("sources.allow-private", "true"))
                .hasMessageContaining("unknown setting sources.allow-private");
        assertThatThrownBy(() -> with("sources.spill-cache-bytes", "lots"))
                .hasMessageContaining("sources.spill-cache-bytes");
    }
}
