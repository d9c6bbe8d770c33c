package io.framewise.connectors.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put the test servers' artifacts (failsafe passes them as system properties). */
public final class TestServers {

    private TestServers() {}

    /** The directory or file that {@code property} names; fails clearly when the build did not. */
    public static Path dir(String property, String madeBy) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException(
                    "system property "
                            + property
                            + " ("
                            + value
                            + ") does not name what the build makes ("
                            + madeBy
                            + "); run the integration tests through Maven from the project root,"
                            + " e.g. mvn verify");
        }
        return Path.of(value);
    }

    /** The directory for pid files of this module's servers. */
    public static Path pidDir() {
        return dir("framewise.servers.dir", "target/servers").resolve("pids");
    }
}
