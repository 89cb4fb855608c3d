package org.hospital.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The load's HTTP/1.1 client: keep-alive sockets, one request at a time on each, idle ones pooled, every request on
 * a virtual thread of its own. It exists because the load generator runs on the same two cores as the system it
 * measures: the JDK's {@code HttpClient} spent about 1 ms of CPU per request there, as much as a third of what the
 * system spends storing a reading, and that CPU was taken from the system under test. This client writes each
 * request in one piece and reads the answer with a buffered stream (status line, headers, a body by
 * {@code Content-Length} or chunked), nothing more. Plain {@code http} only.
 */
final class PlainHttpClient implements AutoCloseable {

    record Response(int status, String body) {
    }

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

    PlainHttpClient(String baseUrl, Duration requestTimeout) {
        URI uri = URI.create(baseUrl);
        if (!"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the load client speaks plain http only: " + baseUrl);
        }
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.timeoutMillis = Math.toIntExact(requestTimeout.toMillis());
    }

    /** Sends the POST on a virtual thread; a request without answer within the timeout fails with a timeout. */
    CompletableFuture<Response> postAsync(String path, String token, String json) {
        byte[] request = request(path, token, json);
        return CompletableFuture.supplyAsync(() -> exchange(request), requests);
    }

    /** Sends the POST and waits for its answer. */
    Response post(String path, String token, String json) {
        return exchange(request(path, token, json));
    }

    private byte[] request(String path, String token, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + (token == null ? "" : "\r\nAuthorization: Bearer " + token) + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private Response exchange(byte[] request) {
        Connection pooled = idle.pollFirst();
        try {
            if (pooled != null) {
                try {
                    return send(pooled, request);
                } catch (IOException e) {
                    if (pooled.answering || e instanceof SocketTimeoutException) {
                        throw e;
                    }
                    // the server had closed the kept-alive connection while it was idle (nothing came back): the
                    // request is sent again on a new connection
                }
            }
            return send(open(), request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response send(Connection connection, byte[] request) throws IOException {
        try {
            connection.out.write(request);
            connection.out.flush();
            Response response = connection.read();
            if (connection.reusable) {
                idle.addFirst(connection);
            } else {
                connection.close();
            }
            return response;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private Connection open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            return new Connection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void close() {
        requests.shutdownNow();
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            connection.close();
        }
    }

    private static final class Connection {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private boolean reusable;
        /** A byte of the answer has arrived: sending the request again could store it twice. */
        private boolean answering;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        /** One response. An end of stream before its first byte is an {@link EOFException}. */
        Response read() throws IOException {
            answering = false;
            String statusLine = line(true);
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            reusable = true;
            for (String header = line(false); !header.isEmpty(); header = line(false)) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    throw new IOException("not an HTTP header: " + header);
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> reusable = !value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            if (status < 200 || status == 204 || status == 304) {
                return new Response(status, ""); // no body, whatever the headers say
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(512);
            if (chunked) {
                for (int size = Integer.parseInt(line(false).split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(line(false).split(";")[0].trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(false);
                }
                while (!line(false).isEmpty()) {
                    // trailers
                }
            } else if (contentLength >= 0) {
                byte[] bytes = in.readNBytes(Math.toIntExact(contentLength));
                if (bytes.length < contentLength) {
                    throw new IOException("connection closed in the middle of a body");
                }
                body.write(bytes);
            } else {
                body.write(in.readAllBytes());
                reusable = false;
            }
            return new Response(status, body.toString(StandardCharsets.UTF_8));
        }

        private String line(boolean first) throws IOException {
            StringBuilder line = new StringBuilder(64);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    if (first && line.isEmpty()) {
                        throw new EOFException("connection closed by the server");
                    }
                    throw new IOException("connection closed in the middle of an answer");
                }
                answering = true;
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket that failed
            }
        }
    }
}
