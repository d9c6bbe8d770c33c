package io.framewise.connectors.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A real Kafka broker (KRaft, broker and controller in one process, {@code kafka_2.13} from Maven
 * Central) on free local ports, with a small heap, for integration tests; plus the few client calls
 * tests need. Its jars are in the directory the system property {@code framewise.kafka.lib} names
 * (the {@code testing/kafka-broker} module resolves them).
 */
public final class LocalKafka implements AutoCloseable {

    private final ServerProcess broker;
    private final String bootstrap;

    private LocalKafka(ServerProcess broker, String bootstrap) {
        this.broker = broker;
        this.bootstrap = bootstrap;
    }

    /** Formats a fresh log directory under {@code dir} and starts the broker; waits until up. */
    public static LocalKafka start(Path dir, Path pidDir) throws Exception {
        Path lib = TestServers.dir("framewise.kafka.lib", "testing/kafka-broker/target/lib");
        Files.createDirectories(dir);
        int port = FreePorts.next();
        int controller = FreePorts.next();
        Path data = dir.resolve("data");
        Path props = dir.resolve("server.properties");
        Files.writeString(
                props,
                String.join(
                        "\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@127.0.0.1:" + controller,
                        "listeners=PLAINTEXT://127.0.0.1:"
                                + port
                                + ",CONTROLLER://127.0.0.1:"
                                + controller,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                        "controller.listener.names=CONTROLLER",
                        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                        "inter.broker.listener.name=PLAINTEXT",
                        "log.dirs=" + data.toAbsolutePath(),
                        "num.partitions=1",
                        "num.network.threads=2",
                        "num.io.threads=2",
                        "offsets.topic.replication.factor=1",
                        "offsets.topic.num.partitions=1",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "share.coordinator.state.topic.replication.factor=1",
                        "share.coordinator.state.topic.min.isr=1",
                        "group.initial.rebalance.delay.ms=0",
                        "auto.create.topics.enable=false",
                        ""));
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(
                log4j,
                String.join(
                        "\n",
                        "rootLogger.level=WARN",
                        "rootLogger.appenderRef.file.ref=file",
                        "appender.file.type=File",
                        "appender.file.name=file",
                        "appender.file.fileName=" + dir.resolve("kafka.log").toAbsolutePath(),
                        "appender.file.layout.type=PatternLayout",
                        "appender.file.layout.pattern=%d %p %c{1} %m%n",
                        "logger.kafka.name=kafka.server.KafkaRaftServer",
                        "logger.kafka.level=INFO",
                        ""));
        String cp = lib.toAbsolutePath() + "/*";
        String logConf = "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath();
        // Formatting is a short process of its own, as kafka-storage.sh runs it.
        Process format =
                new ProcessBuilder(
                                ServerProcess.java(),
                                "-Xmx128m",
                                logConf,
                                "-cp",
                                cp,
                                "kafka.tools.StorageTool",
                                "format",
                                "-t",
                                Uuid.randomUuid().toString(),
                                "-c",
                                props.toAbsolutePath().toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("format.out").toFile())
                        .start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException(
                    "formatting Kafka's log directory failed: "
                            + Files.readString(dir.resolve("format.out")));
        }
        ServerProcess broker =
                ServerProcess.start(
                        "kafka",
                        dir,
                        List.of(
                                ServerProcess.java(),
                                "-Xmx256m",
                                "-Xms64m",
                                "-XX:+UseSerialGC",
                                logConf,
                                "-cp",
                                cp,
                                "kafka.Kafka",
                                props.toAbsolutePath().toString()),
                        Map.of(),
                        pidDir);
        LocalKafka kafka = new LocalKafka(broker, "127.0.0.1:" + port);
        try {
            ServerProcess.await(
                    Duration.ofSeconds(90),
                    "the Kafka broker to answer",
                    kafka::answers,
                    () -> broker.logTail(30));
        } catch (RuntimeException | Error | InterruptedException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    private boolean answers() throws Exception {
        if (!broker.isAlive()) {
            throw new IllegalStateException("the broker exited:\n" + broker.logTail(30));
        }
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        }
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(p);
    }

    /** Creates topics with the given number of partitions each. */
    public void createTopics(int partitions, String... topics) throws Exception {
        try (Admin admin = admin()) {
            List<NewTopic> list = new ArrayList<>();
            for (String t : topics) {
                list.add(new NewTopic(t, partitions, (short) 1));
            }
            admin.createTopics(list).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Sends each value (UTF-8) to {@code topic}, keyed by its position, and waits for acks. */
    public void send(String topic, List<String> values) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        ("k" + i).getBytes(StandardCharsets.UTF_8),
                                        values.get(i).getBytes(StandardCharsets.UTF_8)))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Reads every committed record of {@code topic} from the start until {@code count} or the
     * timeout ({@code read_committed}: what a transactional writer aborted is not read).
     */
    public List<ConsumerRecord<byte[], byte[]>> read(String topic, int count, Duration timeout) {
        return read(topic, count, timeout, "read_committed");
    }

    /**
     * Reads every record of {@code topic} from the start, those of open and aborted transactions
     * too ({@code read_uncommitted}), until {@code count} or the timeout: what a transactional
     * writer has written but not (or not yet) committed.
     */
    public List<ConsumerRecord<byte[], byte[]>> readUncommitted(
            String topic, int count, Duration timeout) {
        return read(topic, count, timeout, "read_uncommitted");
    }

    private List<ConsumerRecord<byte[], byte[]>> read(
            String topic, int count, Duration timeout, String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    /** The broker's recent output, for failure messages. */
    public String logTail() throws IOException {
        return broker.logTail(30);
    }

    @Override
    public void close() {
        broker.close();
    }
}
