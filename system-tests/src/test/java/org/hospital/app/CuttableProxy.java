package org.hospital.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of the running system whose connections a test can cut (and refuse new ones until restored):
 * a lost network between a ward tablet and the server, which browser emulation cannot do to an open stream. It keeps
 * what went each way (HTTP/1.1 in plain text), so a test can see what the page sent and was sent.
 */
final class CuttableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private final StringBuffer toServer = new StringBuffer();
    private final StringBuffer toClient = new StringBuffer();

    CuttableProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("cuttable-proxy").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Closes every connection and refuses new ones until {@link #restore()}. */
    void cut() {
        cut = true;
        open.forEach(CuttableProxy::closeQuietly);
        open.clear();
    }

    void restore() {
        cut = false;
    }

    /** Everything the clients sent so far (request lines, headers, bodies). */
    String sentToServer() {
        return toServer.toString();
    }

    /** Everything the server sent so far. */
    String sentToClient() {
        return toClient.toString();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(upstream);
                pipe(client, upstream, toServer);
                pipe(upstream, client, toClient);
            } catch (IOException e) {
                // Closed, or the upstream refused: the client sees its connection end.
            }
        }
    }

    private void pipe(Socket from, Socket to, StringBuffer seen) {
        Thread.ofPlatform().daemon().name("cuttable-proxy-pipe").start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[8192];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    seen.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // One side went away.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        cut();
        server.close();
    }
}
