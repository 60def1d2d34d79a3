package io.ecomanalytics.contracts.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;

/**
 * A Redis Cluster of a test's own on local ports: three masters with a replica each, from the {@code redis-server} and
 * {@code redis-cli} on the PATH, without persistence, with a node timeout of one second so a master's death fails over within
 * seconds (without a replica the cluster would lose the dead master's slots). Tests drive it by ports only ({@link #masterOf},
 * {@link #kill}, {@link #awaitFailover}), so a test holding the ports its Quarkus test resource published can kill a master by
 * its pid, wait for the failover and look at the topology, all through {@code redis-cli}.
 * <p>
 * Every process is ended at {@link #close()}, and by a shutdown hook if the JVM ends first. A node left by an earlier run that
 * died (its data directory is this cluster's) is shut down at start; a port held by anything else fails the start.
 */
public final class RedisCluster implements AutoCloseable {
    /** Three masters and their three replicas. */
    public static final int NODES = 6;
    /** Short, so a dead master is declared failed and replaced within seconds; tests wait on conditions, not on this. */
    static final Duration NODE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(20);

    private final List<Integer> ports;
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::destroyAll, "redis-cluster-cleanup");

    private RedisCluster(int firstPort, Path dir) {
        this.ports = IntStream.range(firstPort, firstPort + NODES).boxed().toList();
        this.dir = dir.toAbsolutePath();
    }

    /** Whether the programs the cluster needs are on the PATH; the tests that need it are skipped, saying so, otherwise. */
    public static boolean serverOnPath() {
        return onPath("redis-server") && onPath("redis-cli");
    }

    /**
     * Starts six nodes on {@code firstPort .. firstPort + 5}, their files in {@code dir}, creates the cluster and waits until
     * every node sees all slots served and every replica in sync.
     */
    public static RedisCluster start(int firstPort, Path dir) {
        RedisCluster cluster = new RedisCluster(firstPort, dir);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.startNodes();
            cluster.create();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public List<Integer> ports() {
        return ports;
    }

    /** The nodes as {@code quarkus.redis.hosts} lists them. */
    public String hosts() {
        return hosts(ports);
    }

    public static String hosts(List<Integer> ports) {
        return ports.stream().map(port -> "redis://127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** Runs {@code redis-cli} against one node and returns what it printed, without carriage returns. */
    public static String cli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(Arrays.asList(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(CLI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("redis-cli did not end: " + command);
            }
            return new String(out, StandardCharsets.UTF_8).replace("\r", "").trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The port of the live master serving {@code key}'s hash slot, as a live node sees the cluster. */
    public static int masterOf(List<Integer> ports, String key) {
        int live = live(ports);
        int slot = Integer.parseInt(cli(live, "CLUSTER", "KEYSLOT", key));
        return nodes(live).stream().filter(n -> n.master() && !n.failed() && n.serves(slot)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no live master serves slot " + slot)).port();
    }

    /** The ports of the replicas of the master on {@code masterPort}. */
    public static List<Integer> replicasOf(List<Integer> ports, int masterPort) {
        List<Node> nodes = nodes(live(ports));
        String masterId = nodes.stream().filter(n -> n.port() == masterPort).findFirst().orElseThrow().id();
        return nodes.stream().filter(n -> masterId.equals(n.masterId())).map(Node::port).toList();
    }

    /**
     * Kills the node on {@code port} as {@code kill -9} does, by the pid it reports, and waits until it is gone.
     *
     * @return its pid
     */
    public static long kill(int port) {
        long pid = Long.parseLong(field(cli(port, "INFO", "server"), "process_id"));
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("no process " + pid + " for port " + port));
        process.destroyForcibly();
        Awaitility.await("redis-server " + pid + " gone").atMost(Duration.ofSeconds(30))
                .until(() -> !process.isAlive() && !accepts(port));
        return pid;
    }

    /**
     * Waits until the master that was on {@code deadPort} has been replaced: every live node marks it failed, sees none of the
     * slots still assigned to it and reports the cluster healthy (every slot served, so by the dead master's replica now).
     */
    public static void awaitFailover(List<Integer> ports, int deadPort, Duration atMost) {
        List<Integer> alive = ports.stream().filter(p -> p != deadPort).toList();
        Awaitility.await("failover of the master on " + deadPort).atMost(atMost).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> {
                    for (int port : alive) {
                        if (!"ok".equals(field(cli(port, "CLUSTER", "INFO"), "cluster_state"))) {
                            return false;
                        }
                        Node dead = nodes(port).stream().filter(n -> n.port() == deadPort).findFirst().orElseThrow();
                        if (!dead.failed() || !dead.slots().isEmpty()) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    /**
     * Waits until every replica of the master on {@code masterPort} has received all the master has written so far, so that
     * killing the master then loses nothing (replication is asynchronous: without this wait its last writes may be lost).
     */
    public static void awaitReplicated(List<Integer> ports, int masterPort) {
        long written = Long.parseLong(field(cli(masterPort, "INFO", "replication"), "master_repl_offset"));
        for (int replica : replicasOf(ports, masterPort)) {
            Awaitility.await("replica " + replica + " at offset " + written).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50)).until(() -> Long.parseLong(
                            field(cli(replica, "INFO", "replication"), "slave_repl_offset")) >= written);
        }
    }

    /** Ends every node this cluster started (whatever their state) and forgets their cluster configuration. */
    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
        ports.forEach(port -> dir.resolve("nodes-" + port + ".conf").toFile().delete());
    }

    private void destroyAll() {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void startNodes() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int port : ports) {
            if (accepts(port)) {
                shutDownLeftover(port);
            }
            dir.resolve("nodes-" + port + ".conf").toFile().delete();
            File log = dir.resolve("redis-" + port + ".log").toFile();
            try {
                processes.add(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                        "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                        "--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toMillis()), "--save", "", "--appendonly",
                        "no", "--dir", dir.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start redis-server (is it on the PATH?)", e);
            }
        }
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            Process process = processes.get(i);
            Awaitility.await("redis-server on port " + port).atMost(Duration.ofSeconds(30))
                    .until(() -> accepts(port) || !process.isAlive());
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start; see " + dir.resolve("redis-" + port
                        + ".log"));
            }
        }
    }

    /** A node of an earlier run of this cluster that was never ended (its JVM was killed) is ended now; nothing else is. */
    private void shutDownLeftover(int port) {
        String nodeDir = cli(port, "CONFIG", "GET", "dir");
        if (!nodeDir.endsWith(dir.toString())) {
            throw new IllegalStateException("port " + port + " is taken by another process (" + nodeDir
                    + "); the Redis Cluster test needs ports " + ports.get(0) + ".." + ports.get(ports.size() - 1));
        }
        cli(port, "SHUTDOWN", "NOSAVE");
        Awaitility.await("leftover node on " + port + " gone").atMost(Duration.ofSeconds(30)).until(() -> !accepts(port));
    }

    private void create() {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        ports.forEach(port -> command.add("127.0.0.1:" + port));
        command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Awaitility.await("cluster ready").atMost(READY_WITHIN).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> ports.stream().allMatch(this::ready));
    }

    /** The node sees every slot served, every node known, and (a replica) its link to its master up. */
    private boolean ready(int port) {
        String info = cli(port, "CLUSTER", "INFO");
        if (!"ok".equals(field(info, "cluster_state")) || !Integer.toString(NODES).equals(field(info,
                "cluster_known_nodes"))) {
            return false;
        }
        String replication = cli(port, "INFO", "replication");
        return "master".equals(field(replication, "role")) || "up".equals(field(replication, "master_link_status"));
    }

    private static int live(List<Integer> ports) {
        return ports.stream().filter(RedisCluster::accepts).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of " + ports + " answers"));
    }

    /** One line of CLUSTER NODES: id, address, flags, master id, and the slot ranges it serves. */
    record Node(String id, int port, String flags, String masterId, List<int[]> slots) {
        boolean master() {
            return Arrays.asList(flags.split(",")).contains("master");
        }

        boolean failed() {
            return Arrays.asList(flags.split(",")).contains("fail");
        }

        boolean serves(int slot) {
            return slots.stream().anyMatch(range -> range[0] <= slot && slot <= range[1]);
        }
    }

    static List<Node> nodes(int port) {
        List<Node> nodes = new ArrayList<>();
        for (String line : cli(port, "CLUSTER", "NODES").split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length < 8) {
                continue;
            }
            String address = parts[1];
            int nodePort = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1, address.indexOf('@')));
            List<int[]> slots = new ArrayList<>();
            for (int i = 8; i < parts.length; i++) {
                if (parts[i].startsWith("[")) {
                    continue; // a slot being migrated
                }
                String[] range = parts[i].split("-");
                int first = Integer.parseInt(range[0]);
                slots.add(new int[]{first, range.length > 1 ? Integer.parseInt(range[1]) : first});
            }
            nodes.add(new Node(parts[0], nodePort, parts[2], parts[3], slots));
        }
        return nodes;
    }

    /** The value of {@code name:value} in an INFO answer, or null. */
    static String field(String info, String name) {
        for (String line : info.split("\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(entry -> Files.isExecutable(Path.of(entry, program)));
    }
}
