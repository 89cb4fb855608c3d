package org.hospital.app;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP/1.1 client on a plain socket that sends exactly what it is given (any method, raw bytes, chunked or with a
 * length, any headers) and reads any answer, including server-sent event streams, which it closes after their first
 * bytes.
 * <p>
 * A server may answer before it has read the whole request (a 400 for a bad header, a 413 for a body over the
 * limit) and close the connection: the rest of the body then meets a broken pipe. Like curl, this client stops
 * sending and still reads the answer that was sent; the JDK's client reports "no answer" there, which made the
 * hostile-input test fail on requests the server had answered correctly.
 */
final class RawHttp {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final int CHUNK = 8192;

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** A request as sent; {@code path} is already percent-encoded where needed. */
    record Call(String label, String method, String path, Map<String, String> headers, byte[] body,
                boolean chunked) {

        static Call of(String label, String method, String path) {
            return new Call(label, method, path, new LinkedHashMap<>(), null, false);
        }

        Call header(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Call(label, method, path, copy, body, chunked);
        }

        Call bearer(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        Call json(String json) {
            return body("application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        Call body(String contentType, byte[] bytes) {
            Call withBody = new Call(label, method, path, headers, bytes, chunked);
            return contentType == null ? withBody : withBody.header("Content-Type", contentType);
        }

        Call sentChunked() {
            return new Call(label, method, path, headers, body, true);
        }

        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 1000), StandardCharsets.UTF_8);
            return label + ": " + method + " " + (path.length() > 200 ? path.substring(0, 200) + "..." : path)
                    + " headers=" + abbreviated(headers) + (body == null ? "" : " body(" + body.length + " bytes)="
                    + shown) + (chunked ? " [chunked]" : "");
        }

        private static String abbreviated(Map<String, String> headers) {
            Map<String, String> shown = new LinkedHashMap<>();
            headers.forEach((k, v) -> shown.put(k, v.length() > 80 ? v.substring(0, 80) + "...(" + v.length() + ")" : v));
            return shown.toString();
        }
    }

    record Answer(int status, HttpHeaders headers, String body) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }
    }

    Answer send(Call call) {
        // Built as a URI first: a path no client could send is a mistake in the test, not a server answer.
        URI.create("http://localhost:" + port + call.path());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), (int) CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            IOException sendFailure = null;
            try {
                write(call, socket.getOutputStream());
            } catch (IOException e) {
                sendFailure = e;
            }
            try {
                return read(socket.getInputStream(), call.method().equals("HEAD"));
            } catch (IOException e) {
                if (sendFailure != null) {
                    e.addSuppressed(sendFailure);
                }
                throw new IllegalStateException("no answer to " + call, e);
            }
        } catch (IOException e) {
            throw new IllegalStateException("no connection for " + call, e);
        }
    }

    private void write(Call call, OutputStream socket) throws IOException {
        StringBuilder head = new StringBuilder()
                .append(call.method()).append(' ').append(call.path()).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        call.headers().forEach((name, value) -> {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a header value with a line break: " + name);
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        byte[] body = call.body();
        if (body != null && call.chunked()) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (body != null || !call.method().equals("GET")) {
            head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
        }
        head.append("\r\n");
        OutputStream out = new BufferedOutputStream(socket, CHUNK * 2);
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null && call.chunked()) {
            for (int from = 0; from < body.length; from += CHUNK) {
                int length = Math.min(CHUNK, body.length - from);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, from, length);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    private static Answer read(InputStream socket, boolean head) throws IOException {
        InputStream in = new BufferedInputStream(socket);
        String statusLine = line(in);
        if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("no status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        HttpHeaders parsed = HttpHeaders.of(headers, (name, value) -> true);
        byte[] body;
        if (head || status == 204 || status == 304) {
            body = new byte[0];
        } else if (parsed.firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            // An event stream does not end by itself: its first bytes are enough to see what it is.
            body = in.readNBytes(in.available());
        } else if (parsed.firstValue("Transfer-Encoding").orElse("").equalsIgnoreCase("chunked")) {
            body = chunked(in);
        } else if (parsed.firstValue("Content-Length").isPresent()) {
            body = in.readNBytes(Integer.parseInt(parsed.firstValue("Content-Length").orElseThrow()));
        } else {
            body = readToEnd(in);
        }
        return new Answer(status, parsed, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new IOException("chunked body ended early");
            }
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line(in);
        }
    }

    /** The rest of a body that has neither a length nor chunks: it ends with the connection. */
    private static byte[] readToEnd(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (SocketTimeoutException e) {
            throw new IOException("the answer did not end", e);
        }
    }

    /** One header line without its CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
