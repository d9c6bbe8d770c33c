package io.framewise.jobs.cli;

import io.framewise.connectors.kafka.KafkaConfig;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.jobs.graph.IncomingVideos;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code framewise stream}: indexes the videos that upload events on a Kafka topic announce. */
@Command(
        name = "stream",
        mixinStandardHelpOptions = true,
        description = {
            "Index the videos announced by upload events on a Kafka topic, as they arrive (an"
                    + " unbounded job). Each event is one JSON object: video_id, uri, and"
                    + " optionally org, received_at, metadata. Malformed events go to the"
                    + " dead-letter topic and to the failures table.",
            "With --backfill, one job first indexes every video under the prefixes, then follows"
                    + " the topic. Runs on a local MiniCluster, or on a cluster through flink run."
        })
final class StreamCommand implements Callable<Integer> {

    @Option(
            names = "--bootstrap-servers",
            required = true,
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers.")
    String bootstrapServers;

    @Option(names = "--topic", required = true, description = "The upload events topic.")
    String topic;

    @Option(
            names = "--group-id",
            defaultValue = "framewise",
            description = "Consumer group; offsets are committed to it on checkpoints.")
    String groupId;

    @Option(
            names = "--dead-letter-topic",
            paramLabel = "TOPIC",
            description = "Where malformed events go (default: TOPIC.dead-letters).")
    String deadLetterTopic;

    @Option(
            names = "--starting-offsets",
            defaultValue = "committed",
            paramLabel = "WHERE",
            description =
                    "Where a job without a checkpoint starts: committed (the group's offsets, or"
                            + " the earliest), earliest or latest.")
    String startingOffsets;

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            description = "A Kafka client property (security, timeouts), repeatable.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(
            names = "--backfill",
            paramLabel = "PREFIX",
            description = "Index every video under this prefix first, repeatable.")
    List<String> backfill = new ArrayList<>();

    @Mixin JobOptions job = new JobOptions();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        KafkaConfig kafka =
                new KafkaConfig(
                        bootstrapServers,
                        topic,
                        groupId,
                        deadLetterTopic != null ? deadLetterTopic : topic + ".dead-letters",
                        KafkaConfig.StartingOffsets.parse(startingOffsets),
                        kafkaProperties);
        int parallelism = job.parallelism(Runtime.getRuntime().availableProcessors());
        FramewiseConfig config = job.config().withKafka(kafka);
        List<URI> roots = backfill.stream().map(JobOptions::prefix).toList();
        // Upload events are indexed even when indexed before; only the backfill part resumes.
        IncomingVideos source =
                IncomingVideos.uploads(roots, config, job.admission(!backfill.isEmpty()));
        w.printf(
                "Indexing uploads from %s/%s into %s (parallelism %d)%s; dead letters to %s%n",
                bootstrapServers,
                topic,
                job.outRoot(),
                parallelism,
                roots.isEmpty() ? "" : ", after backfilling " + roots,
                kafka.deadLetterTopic());
        job.run(w, "framewise stream", source, config, parallelism, null);
        return 0;
    }
}
