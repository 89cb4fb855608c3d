package org.hospital.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load's HTTP client against a scripted server that shows what arrives on which connection. */
class PlainHttpClientTest {

    /** What the server does with the n-th request of the run (counted from 0 over all connections). */
    private enum Answer { CONTENT_LENGTH, CHUNKED, NO_CONTENT, CONTENT_LENGTH_THEN_CLOSE, NONE }

    private ScriptedServer server;

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void readsBodiesByLengthInChunksOrNoneOverOneKeptAliveConnection() throws Exception {
        server = new ScriptedServer(Answer.CONTENT_LENGTH, Answer.CHUNKED, Answer.NO_CONTENT, Answer.CONTENT_LENGTH);
        try (PlainHttpClient client = new PlainHttpClient(server.url(), Duration.ofSeconds(5))) {
            PlainHttpClient.Response first = client.post("/vitals", "token-1", "{\"n\":1}");
            PlainHttpClient.Response second = client.postAsync("/vitals", "token-1", "{\"n\":2}").get(5,
                    TimeUnit.SECONDS);
            PlainHttpClient.Response third = client.post("/vitals", null, "{\"n\":3}");
            PlainHttpClient.Response fourth = client.post("/vitals", null, "{\"n\":4}");

            assertThat(first).isEqualTo(new PlainHttpClient.Response(201, "answer 0 to {\"n\":1}"));
            assertThat(second).isEqualTo(new PlainHttpClient.Response(201, "answer 1 to {\"n\":2}"));
            assertThat(third).isEqualTo(new PlainHttpClient.Response(204, ""));
            assertThat(fourth).isEqualTo(new PlainHttpClient.Response(201, "answer 3 to {\"n\":4}"));
        }
        assertThat(server.connections.get()).isEqualTo(1);
        assertThat(server.requests).containsExactly(
                "POST /vitals|Bearer token-1|{\"n\":1}", "POST /vitals|Bearer token-1|{\"n\":2}",
                "POST /vitals||{\"n\":3}", "POST /vitals||{\"n\":4}");
    }

    @Test
    void sendsARequestAgainOnANewConnectionWhenTheServerClosedTheIdleOne() throws Exception {
        server = new ScriptedServer(Answer.CONTENT_LENGTH_THEN_CLOSE, Answer.CONTENT_LENGTH);
        try (PlainHttpClient client = new PlainHttpClient(server.url(), Duration.ofSeconds(5))) {
            client.post("/vitals", "t", "{\"n\":1}");
            server.awaitClosed(1);

            PlainHttpClient.Response second = client.post("/vitals", "t", "{\"n\":2}");

            assertThat(second.body()).isEqualTo("answer 1 to {\"n\":2}");
        }
        assertThat(server.connections.get()).isEqualTo(2);
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void aRequestWithoutAnswerInTimeFailsAsATimeoutAndIsNotSentAgain() throws Exception {
        server = new ScriptedServer(Answer.NONE);
        try (PlainHttpClient client = new PlainHttpClient(server.url(), Duration.ofMillis(300))) {
            assertThatThrownBy(() -> client.postAsync("/vitals", "t", "{}").get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class);
        }
        assertThat(server.requests).hasSize(1);
    }

    /** Serves each request by the script's next answer; records each request as "line|authorization|body". */
    private static final class ScriptedServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0);
        private final Answer[] script;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger closed = new AtomicInteger();
        private final List<String> requests = new CopyOnWriteArrayList<>();

        ScriptedServer(Answer... script) throws IOException {
            this.script = script;
            Thread.ofVirtual().start(this::accept);
        }

        String url() {
            return "http://localhost:" + socket.getLocalPort();
        }

        void awaitClosed(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (closed.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(closed.get()).isGreaterThanOrEqualTo(count);
        }

        private void accept() {
            try {
                while (true) {
                    Socket connection = socket.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(connection));
                }
            } catch (IOException closing) {
                // the test is over
            }
        }

        private void serve(Socket connection) {
            try (connection) {
                InputStream in = new BufferedInputStream(connection.getInputStream());
                OutputStream out = connection.getOutputStream();
                while (true) {
                    String request = readRequest(in);
                    if (request == null) {
                        return;
                    }
                    int n = next.getAndIncrement();
                    requests.add(request);
                    String body = "answer " + n + " to " + request.substring(request.lastIndexOf('|') + 1);
                    switch (script[n]) {
                        case CONTENT_LENGTH, CONTENT_LENGTH_THEN_CLOSE -> out.write(("HTTP/1.1 201 Created\r\n"
                                + "Content-Type: application/json\r\nContent-Length: "
                                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                                .getBytes(StandardCharsets.UTF_8));
                        case NO_CONTENT -> out.write("HTTP/1.1 204 No Content\r\n\r\n"
                                .getBytes(StandardCharsets.UTF_8));
                        case CHUNKED -> out.write(("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + Integer.toHexString(7) + "\r\n" + body.substring(0, 7) + "\r\n"
                                + Integer.toHexString(body.length() - 7) + "\r\n" + body.substring(7) + "\r\n"
                                + "0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                        case NONE -> {
                            Thread.sleep(10_000);
                            return;
                        }
                    }
                    out.flush();
                    if (script[n] == Answer.CONTENT_LENGTH_THEN_CLOSE) {
                        return;
                    }
                }
            } catch (IOException | InterruptedException gone) {
                // the client went away
            } finally {
                closed.incrementAndGet();
            }
        }

        private static String readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int b;
            while (!head.toString().endsWith("\r\n\r\n")) {
                if ((b = in.read()) < 0) {
                    return null;
                }
                head.append((char) b);
            }
            String[] lines = head.toString().split("\r\n");
            int length = 0;
            String authorization = "";
            for (String line : lines) {
                String lower = line.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                } else if (lower.startsWith("authorization:")) {
                    authorization = line.substring(14).trim();
                }
            }
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return lines[0].substring(0, lines[0].lastIndexOf(' ')) + "|" + authorization + "|" + body;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
