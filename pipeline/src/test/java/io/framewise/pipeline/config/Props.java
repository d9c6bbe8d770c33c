package io.framewise.pipeline.config;

import java.util.Properties;

/** Settings for configuration tests, written as they are given on the command line. */
public final class Props {

    private Props() {}

    /** Properties from key, value, key, value, ... */
    public static Properties of(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    /** Properties from {@code KEY=VALUE} lines, as {@code --set} takes them. */
    public static Properties sets(String... keyValues) {
        Properties p = new Properties();
        for (String s : keyValues) {
            String[] kv = s.split("=", 2);
            p.setProperty(kv[0], kv[1]);
        }
        return p;
    }
}
