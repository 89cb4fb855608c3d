package org.hospital.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The system's HTTP API as the benchmark needs it. One HTTP/1.1 client with keep-alive: the JDK pool opens as many
 * connections as there are requests in flight, so the client never queues a request behind a slow one.
 */
public final class HttpApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final Duration requestTimeout;
    private final HttpClient client;

    public HttpApi(String baseUrl, Duration requestTimeout) {
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public record Answer(int status, JsonNode body) {

        public JsonNode data() {
            return body.path("data");
        }

        public Answer expect(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + " answered " + status + ": " + body);
            }
            return this;
        }
    }

    /** Signs in and returns the access token. */
    public String login(String username, String password) {
        String body = JSON.createObjectNode().put("username", username).put("password", password).toString();
        return post("/auth/login", null, body).expect(200, "login of " + username)
                .data().path("access_token").asString();
    }

    public Answer post(String path, String token, String json) {
        try {
            HttpResponse<String> response = client.send(request(path, token, json),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public CompletableFuture<HttpResponse<String>> postAsync(String path, String token, String json) {
        return client.sendAsync(request(path, token, json), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST a client may repeat safely: the system recognises the retry by its {@code Idempotency-Key}. */
    public CompletableFuture<HttpResponse<String>> postAsync(String path, String token, String json,
                                                             String idempotencyKey) {
        HttpRequest request = HttpRequest.newBuilder(request(path, token, json), (name, value) -> true)
                .header("Idempotency-Key", idempotencyKey).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    public CompletableFuture<HttpResponse<String>> getAsync(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(requestTimeout)
                .header("Authorization", "Bearer " + token).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.createObjectNode().put("raw", body);
        }
    }

    private HttpRequest request(String path, String token, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }
}
