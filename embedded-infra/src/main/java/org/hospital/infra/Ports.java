package org.hospital.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Port helpers shared by the embedded servers and whatever starts servers of its own beside them. */
public final class Ports {

    private Ports() {
    }

    /**
     * Returns {@code count} distinct free ports. The sockets stay open until all ports are chosen so the
     * operating system cannot hand out the same port twice; another process may still grab one afterwards,
     * which is the accepted price of choosing ports before the servers bind them.
     */
    public static int[] free(int count) {
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port", e);
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
