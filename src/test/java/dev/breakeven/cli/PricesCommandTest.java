package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code breakeven prices update} against a local server serving genai-prices and LiteLLM excerpts. */
class PricesCommandTest {
    @TempDir
    Path home;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serve("/genai.json", "genai-prices-excerpt.json");
        serve("/litellm.json", "litellm-prices-excerpt.json");
        server.createContext("/gone", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
    }

    private void serve(String path, String resource) {
        server.createContext(path, ex -> {
            byte[] body;
            try (InputStream in = PricesCommandTest.class.getResourceAsStream(resource)) {
                body = in.readAllBytes();
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private Path userFile() {
        return home.resolve("data").resolve(PriceCatalog.USER_FILE);
    }

    @Test
    void genaiPricesUpdateDatesChangesKeepsYourEditsAndAddsOnRequest() throws Exception {
        // The user edited GPT-4o on the Costs page earlier.
        ApiPrice gpt4o = PriceCatalog.bundled().find("openai/gpt-4o").orElseThrow();
        PriceCatalog.bundled().replacing(gpt4o.withPrices(2, 9, null, LocalDate.of(2026, 12, 1),
                "edited in Breakeven on 2026-12-01")).save(userFile());

        CliRun run = CliRun.run(home, "prices", "update", "--url", url("/genai.json"), "--json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode j = Json.mapper().readTree(run.out());
        Map<String, JsonNode> byId = new HashMap<>();
        j.path("changes").forEach(c -> byId.put(c.path("id").asText(), c));
        assertThat(byId.get("openai/gpt-5-mini").path("kind").asText()).isEqualTo("CHANGED");
        assertThat(byId.get("openai/gpt-5-mini").path("after").path("outputUsdPerMtok").asDouble()).isEqualTo(1.8);
        assertThat(byId.get("openai/gpt-5-mini").path("checked").asText()).isEqualTo(LocalDate.now().toString());
        assertThat(byId.get("openai/gpt-5-mini").path("source").asText()).contains("genai-prices").contains(url("/genai.json"));
        assertThat(byId.get("openai/gpt-5").path("kind").asText()).isEqualTo("CONFIRMED");
        assertThat(byId.get("deepseek/deepseek-chat").path("kind").asText()).isEqualTo("CONFIRMED");
        assertThat(byId.get("openai/gpt-4o").path("kind").asText()).isEqualTo("KEPT_YOUR_EDIT");
        assertThat(byId).doesNotContainKey("openai/gpt-7-test");
        assertThat(j.path("changed").asInt()).isEqualTo(1);

        PriceCatalog saved = PriceCatalog.userOrBundled(userFile());
        assertThat(saved.find("openai/gpt-5-mini").orElseThrow().outputUsdPerMtok()).isEqualTo(1.8);
        assertThat(saved.find("openai/gpt-4o").orElseThrow().outputUsdPerMtok()).as("your edit").isEqualTo(9);
        assertThat(saved.find("anthropic/claude-haiku-4-5").orElseThrow().checked())
                .as("not in the table: untouched").isEqualTo(PriceCatalog.bundled().find("anthropic/claude-haiku-4-5")
                        .orElseThrow().checked());

        CliRun added = CliRun.run(home, "prices", "update", "--url", url("/genai.json"), "--add-new");
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).contains("added").contains("openai/gpt-7-test").contains("kept your edit");
        assertThat(PriceCatalog.userOrBundled(userFile()).find("openai/gpt-7-test")).isPresent();
    }

    @Test
    void liteLlmTablesMatchDatedIdsAndADryRunSavesNothing() throws Exception {
        CliRun run = CliRun.run(home, "prices", "update", "--url", url("/litellm.json"), "--dry-run");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("changed").contains("openai/gpt-5-mini").contains("$2 → $1.8")
                .contains("1 confirmed").contains("Dry run: nothing saved.");
        assertThat(userFile()).doesNotExist();
    }

    @Test
    void plainHttpElsewhereAndBadAnswersAreRefusedClearly() {
        CliRun http = CliRun.run(home, "prices", "update", "--url", "http://example.com/prices.json");
        assertThat(http.code()).isEqualTo(1);
        assertThat(http.err()).contains("HTTPS only");
        CliRun gone = CliRun.run(home, "prices", "update", "--url", url("/gone"));
        assertThat(gone.code()).isEqualTo(1);
        assertThat(gone.err()).contains("HTTP 404");
    }
}
