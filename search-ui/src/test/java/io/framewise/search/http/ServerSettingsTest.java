package io.framewise.search.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @Test
    void theBindAddressAndLoopbackNamesByDefault() {
        ServerSettings s = ServerSettings.of("127.0.0.1", 8080);
        assertThat(s.allows("127.0.0.1:8080")).isTrue();
        assertThat(s.allows("LOCALHOST:8080")).isTrue();
        assertThat(s.allows("localhost.")).isTrue();
        assertThat(s.allows("[::1]:8080")).isTrue();
        assertThat(s.allows("attacker.example")).isFalse();
        assertThat(s.allows("attacker.example:8080")).isFalse();
        assertThat(s.allows("127.0.0.1.attacker.example")).isFalse();
        assertThat(s.allows("")).isFalse();
        assertThat(s.allows(null)).isFalse();
        assertThat(s.maxConnections()).isEqualTo(ServerSettings.DEFAULT_MAX_CONNECTIONS);
        assertThat(s.idleTimeout()).isEqualTo(ServerSettings.DEFAULT_IDLE_TIMEOUT);
    }

    @Test
    void anotherBindAddressAndListedNames() {
        Properties p = new Properties();
        p.setProperty("server.allowed-hosts", "Search.Example.org ,, video.local");
        p.setProperty("server.max-connections", "64");
        p.setProperty("server.idle-timeout-ms", "5000");
        ServerSettings s = ServerSettings.from(p, "192.168.1.20", 80);
        assertThat(s.allows("192.168.1.20")).isTrue();
        assertThat(s.allows("search.example.org:80")).isTrue();
        assertThat(s.allows("video.local")).isTrue();
        assertThat(s.allows("192.168.1.21")).isFalse();
        assertThat(s.maxConnections()).isEqualTo(64);
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void badValuesAreNamed() {
        Properties p = new Properties();
        p.setProperty("server.max-connections", "lots");
        assertThatThrownBy(() -> ServerSettings.from(p, "127.0.0.1", 0))
                .hasMessageContaining("server.max-connections")
                .hasMessageContaining("lots");
        p.setProperty("server.max-connections", "10");
        p.setProperty("server.max-head-bytes", "10");
        assertThatThrownBy(() -> ServerSettings.from(p, "127.0.0.1", 0))
                .hasMessageContaining("server.max-head-bytes must be a whole number from 1024");
    }
}
