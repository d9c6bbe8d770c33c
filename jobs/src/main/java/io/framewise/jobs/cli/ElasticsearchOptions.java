package io.framewise.jobs.cli;

import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The Elasticsearch option shared by {@code index}, {@code serve}, {@code demo} and {@code bench
 * search}: {@code --es URL}, the other {@code es.*} settings through {@code --config}/{@code
 * --set}. Secrets can come from the environment instead of a file or the command line: {@code
 * FRAMEWISE_ES_PASSWORD} and {@code FRAMEWISE_ES_API_KEY} fill {@code es.password} and {@code
 * es.api-key} when those are not set.
 */
final class ElasticsearchOptions {

    @Option(
            names = "--es",
            paramLabel = "URL",
            description =
                    "Elasticsearch, e.g. http://127.0.0.1:9200 (same as --set es.url=URL; auth and"
                            + " TLS: es.* settings, connectors/README.md).")
    String url;

    /** Applies {@code --es} and the environment's secrets to {@code settings}; returns them. */
    Properties apply(Properties settings) {
        if (url != null && !url.isBlank()) {
            settings.setProperty("es.url", url);
        }
        fromEnvironment(settings, "es.password", "FRAMEWISE_ES_PASSWORD");
        fromEnvironment(settings, "es.api-key", "FRAMEWISE_ES_API_KEY");
        return settings;
    }

    private static void fromEnvironment(Properties settings, String key, String variable) {
        String value = System.getenv(variable);
        if (!settings.containsKey(key) && value != null && !value.isBlank()) {
            settings.setProperty(key, value);
        }
    }
}
