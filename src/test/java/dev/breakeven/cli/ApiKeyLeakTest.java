package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.Role;
import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.core.chat.api.ApiKeys;
import dev.breakeven.core.chat.api.ApiProvider;
import dev.breakeven.core.chat.store.AnswerMetrics;
import dev.breakeven.core.chat.store.Conversation;
import dev.breakeven.core.chat.store.ConversationStore;
import dev.breakeven.core.chat.store.MarkdownExport;
import dev.breakeven.core.chat.store.StoredMessage;
import dev.breakeven.core.chat.store.ChatRouting;
import dev.breakeven.core.chat.store.TurnRoute;
import dev.breakeven.core.chat.HybridChatEngine;
import dev.breakeven.core.chat.MetricsSnapshot;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.ScenarioIo;
import dev.breakeven.core.cost.ScenarioPresets;
import dev.breakeven.core.io.Json;
import dev.breakeven.core.router.RoutingRules;
import dev.breakeven.core.router.RoutingRulesStore;
import dev.breakeven.testing.FakeProvider;
import dev.breakeven.testing.FakeProvider.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A known key goes through every writer the app has — API chat turns (one failing with a server that echoes the key),
 * the conversation store (with each turn's route and the conversation's engine choice), the Markdown export, a chart's
 * PNG export, scenario save, the price catalog, the routing rules, the CLI's --json and its stderr — and then every
 * file under the app's folders except the key file itself is searched for it.
 */
class ApiKeyLeakTest {
    static final String KEY = "sk-LEAK-CANARY-5f3a9c";

    @TempDir
    Path home;

    @Test
    void theKeyAppearsInNoFileAndNoOutputTheAppWrites() throws Exception {
        assumeTrue(System.getenv("OPENAI_API_KEY") == null);
        ApiKeys keys = new ApiKeys(Map.<String, String>of()::get, home.resolve("settings"));
        keys.save(ApiProvider.OPENAI, KEY);
        StringBuilder console = new StringBuilder();
        List<String> answers = new ArrayList<>();
        try (FakeProvider api = new FakeProvider().then(Mode.OK, Mode.UNAUTHORIZED, Mode.CUT);
             FakeProvider local = new FakeProvider()) {
            for (int i = 0; i < 3; i++) {
                CliRun run = CliRun.run(home, "chat", "--api", "openai/gpt-4o-mini", "--api-base", api.baseUrl(),
                        "--prompt", "question " + i, "--json");
                console.append(run.out()).append(run.err());
                JsonNode j = Json.mapper().readTree(run.out());
                answers.add(j.path("answer").asText() + " " + j.path("error").asText() + " " + j.path("engine").asText());
            }
            CliRun plain = CliRun.run(home, "chat", "--api", "openai/gpt-4o-mini", "--api-base", api.baseUrl(),
                    "--prompt", "plain");
            console.append(plain.out()).append(plain.err());
            api.then(Mode.UNAUTHORIZED);
            CliRun hybrid = CliRun.run(home, "chat", "--hybrid", "--fallback-local", "--api", "openai/gpt-4o-mini",
                    "--api-base", api.baseUrl(), "--engine-url", local.rootUrl(), "--prompt", "prove it", "--json");
            console.append(hybrid.out()).append(hybrid.err());
            answers.add(Json.mapper().readTree(hybrid.out()).path("fallback").asText());
            assertThat(answers.get(1)).as("the 401 message is there, redacted").contains("***");
        }
        console.append(CliRun.run(home, "route", "--prompt", "prove it", "--json").out());

        // Every writer, fed what the API turns produced.
        Path data = home.resolve("data");
        ConversationStore store = ConversationStore.under(data);
        Conversation c = Conversation.start("system", SamplingSettings.defaults(), 1);
        for (String a : answers) {
            // as the Chat page saves an API turn: its route, with the (redacted) failure where there was one
            TurnRoute route = new TurnRoute(TurnRoute.API, List.of("mentions \"prove\""), "openai/gpt-4o-mini", 1200,
                    8, true, 30.0, 90.0, 95.0, 0.0002, a);
            c = c.append(StoredMessage.user("q", 1), 2).append(new StoredMessage(Role.ASSISTANT, a, 3, false,
                    AnswerMetrics.of("openai/gpt-4o-mini (API)", "gpt-4o-mini",
                            new MetricsSnapshot(1, 1, 1.0, 1.0, 1.0, null, null, 1, true), null, null, "", false,
                            "FINISHED"), route), 4);
        }
        c = c.withRouting(new ChatRouting(ChatRouting.Mode.HYBRID, "openai/gpt-4o-mini",
                HybridChatEngine.RouteOverride.ALWAYS_API, true));
        store.save(c);
        Files.writeString(data.resolve("export.md"), MarkdownExport.toMarkdown(c), StandardCharsets.UTF_8);
        assertThat(Files.readString(data.resolve("export.md"))).as("the export has the route lines").contains("API · openai/gpt-4o-mini");
        exportChartPng(String.join("\n", answers), data.resolve("chart.png"));
        var scenario = ScenarioPresets.load(ScenarioPresets.RULE_OF_THUMB);
        ScenarioIo.save(scenario, data.resolve("scenario.json"));
        var inputs = scenario.toInputs(PriceCatalog.bundled());
        Files.writeString(data.resolve("report.html"), dev.breakeven.core.cost.CostReport.html(scenario.name(),
                String.join("\n", answers), inputs, dev.breakeven.core.cost.RangeEvaluator.evaluate(inputs), null,
                List.of(), List.of()));
        console.append(CliRun.run(home, "router", "eval", "--json").out());
        PriceCatalog.bundled().save(data.resolve(PriceCatalog.USER_FILE));
        RoutingRulesStore.inSettings(home.resolve("settings")).save(RoutingRules.defaults());

        assertThat(console.toString()).doesNotContain(KEY);
        List<Path> written;
        try (Stream<Path> files = Files.walk(home)) {
            written = files.filter(Files::isRegularFile).filter(f -> !f.equals(keys.file())).toList();
        }
        assertThat(written).hasSizeGreaterThanOrEqualTo(5);
        for (Path f : written) {
            assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(KEY);
        }
        assertThat(Files.readString(keys.file())).as("the key file is the one place it lives").contains(KEY);
    }

    /** A chart titled with the answers, exported as the Costs page exports its charts. */
    private static void exportChartPng(String text, Path file) throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
        String status = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
            var chart = new javafx.scene.chart.LineChart<>(new javafx.scene.chart.NumberAxis(),
                    new javafx.scene.chart.NumberAxis());
            chart.setTitle(text);
            chart.setAnimated(false);
            new javafx.scene.Scene(chart, 400, 300);
            return dev.breakeven.ui.cost.ChartExport.save(chart, file);
        }).get();
        assertThat(status).startsWith("Saved");
        assertThat(Files.size(file)).isPositive();
    }
}
