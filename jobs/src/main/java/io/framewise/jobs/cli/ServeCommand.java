package io.framewise.jobs.cli;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.jobs.JobEnvironment;
import io.framewise.jobs.QueryEmbedders;
import io.framewise.jobs.SearchPage;
import io.framewise.jobs.config.ConfigSources;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.search.SearchService;
import io.framewise.search.http.ServerSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code framewise serve}: the search page and API over Elasticsearch, until stopped. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the search page and its API (/api/search, /api/videos, /api/videos/{id},"
                    + " /api/frames/{id}/similar) over the search indices in Elasticsearch, until"
                    + " stopped (Ctrl-C).",
            "Thumbnails come from the keyframes under --data (the index command's --out)."
        })
final class ServeCommand implements Callable<Integer> {

    @Mixin ElasticsearchOptions es = new ElasticsearchOptions();

    @Option(
            names = "--port",
            defaultValue = "8080",
            paramLabel = "N",
            description = "Port (default 8080).")
    int port;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDRESS",
            description = "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).")
    String host;

    @Option(
            names = "--data",
            defaultValue = "framewise-data",
            paramLabel = "DIR",
            description =
                    "The indexing output directory, for thumbnails (default ./framewise-data).")
    Path data;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Properties file with es.*, embedding.*, search.* and server.* settings"
                            + " (connectors/README.md, search-ui/README.md).")
    Path config;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override one setting, e.g. --set es.index-prefix=test-")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        // search.* and server.* are the search server's own keys, read beside the indexing ones.
        Properties settings =
                new ConfigSources(config, System.getenv(), overrides, es.settings()).properties();
        FramewiseConfig framewise = FramewiseConfig.parse(settings);
        if (!framewise.search()) {
            throw new IllegalArgumentException("serve needs Elasticsearch: give --es URL");
        }
        ElasticsearchConfig config = framewise.es();
        // Videos indexed from object storage play from there: s3:// as the jobs read it.
        JobEnvironment.initializeLocalFileSystems(framewise.fileSystems());
        SearchPage page =
                SearchPage.start(
                        config,
                        QueryEmbedders.of(framewise),
                        data,
                        ServerSettings.from(settings, host, port),
                        SearchService.minSimilarity(settings),
                        false);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    page.close();
                                    stopped.countDown();
                                },
                                "stop-search-page"));
        printAddress(w, page, config);
        stopped.await();
        return 0;
    }

    static void printAddress(PrintWriter w, SearchPage page, ElasticsearchConfig config) {
        w.printf("Search page: %s%n", page.url());
        String p = config.indexPrefix();
        w.printf("  over %s (indices %sframes, %sshots, %svideos)%n", config.url(), p, p, p);
        if (!page.search().embedsQueries()) {
            w.println(
                    "  queries match by text only: this build has no query embedder (hybrid runs"
                            + " as text, mode=vector is refused)");
        }
        w.println("Ctrl-C stops it.");
        w.flush();
    }
}
