package dev.breakeven.host;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Before the model has loaded the host already listens (so a supervisor sees it come up) and answers 503
 * "Loading model" as llama-server does; the token and unknown paths are checked all the same. Nothing native
 * is loaded here: the model is never loaded.
 */
class HostServerLoadingTest {

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return Json.mapper().readTree(response.body()).path("error");
    }

    @Test
    void answers503WhileLoadingAndStillChecksTheTokenAndPaths() throws Exception {
        HostSettings settings = new HostSettings(Path.of("not-loaded.gguf"), "127.0.0.1", 0, 256, 0, "tok", 1);
        try (HostServer server = HostServer.bind(settings); HttpClient http = HttpClient.newHttpClient()) {
            assertThat(server.url().toString()).matches("http://127\\.0\\.0\\.1:\\d+").doesNotEndWith(":0");
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/health"))
                    .header("Authorization", "Bearer tok").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(error(health).path("message").asText()).isEqualTo("Loading model");
            assertThat(error(health).path("type").asText()).isEqualTo("unavailable_error");

            HttpResponse<String> completion = http.send(HttpRequest.newBuilder(URI.create(server.url()
                            + "/v1/chat/completions")).header("Authorization", "Bearer tok")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(completion.statusCode()).isEqualTo(503);

            HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(noToken.statusCode()).isEqualTo(401);
            assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(error(noToken).path("code").asText()).isEqualTo("invalid_api_key");

            HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v2/x"))
                    .header("Authorization", "Bearer tok").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(elsewhere.statusCode()).isEqualTo(404);
            assertThat(error(elsewhere).path("code").asText()).isEqualTo("not_found");

            HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/health"))
                    .header("Authorization", "Bearer tok").DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrongMethod.statusCode()).isEqualTo(405);
            assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
        }
    }

    @Test
    void settingsRefuseWhatWouldBreakTheHostWithTheReason() {
        Path model = Path.of("m.gguf");
        int processors = Runtime.getRuntime().availableProcessors();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new HostSettings(model, null, 0, 4096, Integer.MAX_VALUE, null, 1))
                .hasMessage("--threads must be from 1 to " + processors + " (the processors available on this "
                        + "machine), not " + Integer.MAX_VALUE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HostSettings(model, null, 70000, 4096, 0, null, 1))
                .hasMessageContaining("--port");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HostSettings(model, null, 0, 256, 0, null, 8))
                .hasMessageContaining("--ctx must be at least 512 tokens");
        HostSettings fine = new HostSettings(model, null, 0, 4096, 0, null, 2);
        assertThat(fine.host()).isEqualTo("127.0.0.1");
        assertThat(fine.slotContext()).isEqualTo(2048);
        assertThat(fine.needsToken()).isFalse();
    }
}
