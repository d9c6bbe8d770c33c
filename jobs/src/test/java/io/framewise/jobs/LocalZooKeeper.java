package io.framewise.jobs;

import io.framewise.connectors.testing.FreePorts;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A single ZooKeeper server in the test's JVM ({@code org.apache.zookeeper:zookeeper}, NIO
 * connections, data under the test's folder), the quorum of the Flink cluster's JobManager high
 * availability. It lives in the test's JVM on purpose: the test kills the Flink processes, never
 * ZooKeeper.
 *
 * <p>Sessions may last between 4 s and 40 s (twice and twenty times the 2 s tick): a killed
 * JobManager's leadership lapses when its session expires, so the cluster asks for a short one.
 */
public final class LocalZooKeeper implements AutoCloseable {

    private static final int TICK_MS = 2000;

    private final ZooKeeperServer server;
    private final ServerCnxnFactory connections;

    private LocalZooKeeper(ZooKeeperServer server, ServerCnxnFactory connections) {
        this.server = server;
        this.connections = connections;
    }

    /** Starts a server on a free loopback port, its snapshots and log under {@code dir}. */
    public static LocalZooKeeper start(Path dir) throws Exception {
        Files.createDirectories(dir);
        ZooKeeperServer server = new ZooKeeperServer(dir.toFile(), dir.toFile(), TICK_MS);
        ServerCnxnFactory connections =
                ServerCnxnFactory.createFactory(
                        new InetSocketAddress("127.0.0.1", FreePorts.next()), 100);
        connections.startup(server);
        return new LocalZooKeeper(server, connections);
    }

    /** The quorum for {@code high-availability.zookeeper.quorum}. */
    public String quorum() {
        return "127.0.0.1:" + connections.getLocalPort();
    }

    @Override
    public void close() {
        connections.shutdown();
        server.shutdown();
    }
}
