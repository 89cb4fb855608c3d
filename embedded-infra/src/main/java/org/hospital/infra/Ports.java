package org.hospital.infra;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Port helpers shared by the embedded servers and whatever starts servers of its own beside them. */
public final class Ports {

    private Ports() {
    }

    /** Where ports are chosen from when the system's range for outgoing connections cannot be read. */
    private static final int LOWEST = 10_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    /**
     * Returns {@code count} distinct free ports, chosen below the range the operating system takes local ports of
     * outgoing connections from. A port the system itself handed out ({@code new ServerSocket(0)}) comes from that
     * range, and any connection opened by any process between the choice and the server's bind could take it: a
     * Kafka controller that lost its port that way stopped the whole process at start, in a build running the
     * system tests beside the crash tests. The sockets stay open until all ports are chosen; another process that
     * binds the same number in between is still possible, and unlikely among thousands.
     */
    public static int[] free(int count) {
        int below = ephemeralRangeStart();
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            for (int attempt = 0; sockets.size() < count; attempt++) {
                if (attempt > 1_000) {
                    throw new IllegalStateException("No free port below " + below);
                }
                int candidate = ThreadLocalRandom.current().nextInt(LOWEST, below);
                try {
                    sockets.add(new ServerSocket(candidate));
                } catch (IOException taken) {
                    // In use: try another number.
                }
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Only used to reserve the number; nothing to clean up.
                }
            }
        }
    }

    /**
     * The first port of Linux's range for outgoing connections; 32768 (its usual start) where it cannot be read.
     * Read by lines: {@code Files.readString} returned a truncated "3" for this procfs file.
     */
    private static int ephemeralRangeStart() {
        try {
            int start = Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).getFirst().trim().split("\\s+")[0]);
            return start > LOWEST + 1_000 ? start : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    /** Resolves 0 to a free port and fails fast, with a readable message, when a fixed port is taken. */
    static int resolve(int port, String what) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid port for " + what + ": " + port);
        }
        if (port == 0) {
            return free(1)[0];
        }
        try (ServerSocket probe = new ServerSocket(port)) {
            return port;
        } catch (IOException e) {
            throw new IllegalStateException(what + " cannot use port " + port + ": it is already in use", e);
        }
    }
}
