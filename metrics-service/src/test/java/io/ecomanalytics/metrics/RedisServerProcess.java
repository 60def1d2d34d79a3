package io.ecomanalytics.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;

/**
 * A redis-server of a test's own, without persistence, on a port of its own: a test may stop and restart it (a Redis that comes
 * back empty) without touching the Redis every other test shares.
 */
public final class RedisServerProcess {
    private RedisServerProcess() {
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts redis-server (from the PATH) on {@code port} and waits until it accepts connections. */
    public static Process start(int port) {
        Path log = Path.of("target", "redis-" + port + ".log").toAbsolutePath();
        try {
            Process process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", log.getParent().toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Awaitility.await("redis-server on port " + port).atMost(Duration.ofSeconds(30))
                    .until(() -> accepts(port) || !process.isAlive());
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start; see " + log);
            }
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server (is it on the PATH?)", e);
        }
    }

    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
