package org.hospital.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * An HTTP client that sends exactly what it is given (any method, raw bytes, chunked or with a length, any headers)
 * and reads any answer, including server-sent event streams, which it closes after their first bytes.
 */
final class RawHttp {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    RawHttp(int port) {
        this.baseUrl = "http://localhost:" + port;
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
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + call.path()))
                .timeout(Duration.ofSeconds(30));
        call.headers().forEach(builder::header);
        HttpRequest.BodyPublisher publisher;
        if (call.body() == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (call.chunked()) {
            publisher = withoutLength(HttpRequest.BodyPublishers.ofByteArray(call.body()));
        } else {
            publisher = HttpRequest.BodyPublishers.ofByteArray(call.body());
        }
        builder.method(call.method(), publisher);
        try {
            HttpResponse<InputStream> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                String contentType = response.headers().firstValue("Content-Type").orElse("");
                // An event stream does not end by itself: its first bytes are enough to see what it is.
                byte[] bytes = contentType.startsWith("text/event-stream") ? in.readNBytes(in.available())
                        : in.readAllBytes();
                return new Answer(response.statusCode(), response.headers(), new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("no answer to " + call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The same bytes without a declared length, so the client sends them chunked. */
    private static HttpRequest.BodyPublisher withoutLength(HttpRequest.BodyPublisher inner) {
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                inner.subscribe(subscriber);
            }
        };
    }
}
