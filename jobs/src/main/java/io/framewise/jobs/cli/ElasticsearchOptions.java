package io.framewise.jobs.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The Elasticsearch option shared by {@code index}, {@code serve}, {@code demo} and {@code bench
 * search}: {@code --es URL}, the other {@code es.*} settings through {@code --config}/{@code
 * --set}. Secrets can come from the environment instead of a file or the command line: {@code
 * FRAMEWISE_ES_PASSWORD} and {@code FRAMEWISE_ES_API_KEY} give {@code es.password} and {@code
 * es.api-key} (see {@link io.framewise.jobs.config.ConfigSources}).
 */
final class ElasticsearchOptions {

    @Option(
            names = "--es",
            paramLabel = "URL",
            description =
                    "Elasticsearch, e.g. http://127.0.0.1:9200 (same as --set es.url=URL; auth and"
                            + " TLS: es.* settings, connectors/README.md).")
    String url;

    /** The settings this option gives: {@code es.url}, when given. */
    Map<String, String> settings() {
        return url == null || url.isBlank() ? Map.of() : Map.of("es.url", url);
    }
}
