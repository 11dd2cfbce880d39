package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.app.AppServices;
import dev.breakeven.core.io.Json;
import dev.breakeven.core.router.RoutingRules;
import dev.breakeven.core.router.RoutingRulesStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RouteCommandTest {
    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("route"));
        all.addAll(List.of(args));
        return BreakevenCommand.run(AppServices.forTest(home), all.toArray(String[]::new), new PrintWriter(out),
                new PrintWriter(err));
    }

    /** Hand-checked workload: $90/month all API, $1,200/36 + $18 power all local (see RoutingSimulationTest). */
    private static final String[] WORKLOAD = {"--api-in", "1", "--api-out", "4", "--tokens-in-per-day", "1000000",
            "--tokens-out-per-day", "500000", "--hardware-usd", "1200", "--watts", "300", "--hours-per-day", "10",
            "--kwh-usd", "0.2", "--tok-per-sec", "20"};

    private Path rulesFile() throws Exception {
        Path f = home.resolve("rules.json");
        Files.writeString(f, "{\"maxLocalPromptTokens\": 100, \"hardPhrases\": [\"prove\"], \"codeBlocksToApi\": false,"
                + " \"maxLocalTurns\": 0}");
        return f;
    }

    @Test
    void onePromptWithAKeywordGoesToTheApiWithTheReason() {
        assertThat(run("--prompt", "Please prove that 2+2=4")).isZero();
        assertThat(out.toString()).startsWith("API    Please prove that 2+2=4")
                .contains("mentions \"prove\"")
                .contains("To the API: 1 of 1 requests (100.0%)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aPromptsFileGivesPerPromptDecisionsSharesAndTheMixCostInJson() throws Exception {
        Path prompts = home.resolve("p.txt");
        // 2 tokens to the API, 3 + 3 local → 25% of tokens, 1 of 3 requests
        Files.writeString(prompts, "prove it\nhello there!\n\nhello again!\n");
        String[] args = new ArrayList<>(List.of("--prompts", prompts.toString(), "--rules", rulesFile().toString(),
                "--json")) {{ addAll(List.of(WORKLOAD)); }}.toArray(String[]::new);
        assertThat(run(args)).as(err.toString()).isZero();
        JsonNode j = Json.mapper().readTree(out.toString());
        assertThat(j.at("/prompts")).hasSize(3);
        assertThat(j.at("/prompts/0/route").asText()).isEqualTo("API");
        assertThat(j.at("/prompts/0/reasons/0").asText()).isEqualTo("mentions \"prove\"");
        assertThat(j.at("/prompts/1/route").asText()).isEqualTo("Local");
        assertThat(j.at("/summary/apiRequests").asInt()).isEqualTo(1);
        assertThat(j.at("/summary/apiTokenShare").asDouble()).isEqualTo(0.25);
        double days = 365.25 / 12;
        // all API: $3/day × 30.4375; all local: $1,200/36 + 300 W × 10 h × 30.4375 d / 1000 × $0.20
        assertThat(j.at("/cost/allApiMonthlyUsd").asDouble()).isCloseTo(3 * days, within(1e-9));
        double capital = 1200.0 / 36;
        double power = 0.3 * 10 * days * 0.2;
        assertThat(j.at("/cost/allLocalMonthlyUsd").asDouble()).isCloseTo(capital + power, within(1e-9));
        assertThat(j.at("/cost/mixMonthlyUsd").asDouble()).isCloseTo(0.25 * 3 * days + capital + 0.75 * power,
                within(1e-9));
        assertThat(j.at("/cost/cheapest").asText()).isEqualTo("all local");
        assertThat(j.at("/rules/maxLocalPromptTokens").asInt()).isEqualTo(100);
    }

    @Test
    void withoutRulesItUsesTheSavedRules() throws Exception {
        RoutingRulesStore.inSettings(AppServices.forTest(home).dirs().settings())
                .save(new RoutingRules(0, List.of("invoice"), false, 0));
        assertThat(run("--prompt", "draft an invoice")).isZero();
        assertThat(out.toString()).startsWith("API").contains("mentions \"invoice\"");
    }

    @Test
    void aPresetPricesTheMixInText() {
        assertThat(run("--prompt", "hello", "--preset", "consultancy-team-20")).isZero();
        assertThat(out.toString()).startsWith("Local").contains("Monthly at this workload: all local $")
                .contains("mix (0.0% to the API)").contains("cheapest: ");
    }

    @Test
    void badInputIsOneLineErrorAndNonZero() throws Exception {
        Path bad = home.resolve("bad.json");
        Files.writeString(bad, "{\"maxLocalPromptTokens\": -1}");
        assertThat(run("--prompt", "x", "--rules", bad.toString())).isNotZero();
        assertThat(err.toString()).startsWith("error: rules file").contains("maxLocalPromptTokens must be between 0")
                .doesNotContain("Exception");

        err.getBuffer().setLength(0);
        Path prompts = home.resolve("p.jsonl");
        Files.writeString(prompts, "ok\n{\"prompt\": 1}\n");
        assertThat(run("--prompts", prompts.toString())).isNotZero();
        assertThat(err.toString().strip()).isEqualTo("error: line 2: needs a \"prompt\" string");

        err.getBuffer().setLength(0);
        assertThat(run("--prompt", "x", "--api-in", "1")).isNotZero();
        assertThat(err.toString()).startsWith("error: missing --api-out");

        err.getBuffer().setLength(0);
        assertThat(run("--prompt", "x", "--preset", "nope")).isNotZero();
        assertThat(err.toString()).startsWith("error: no preset nope");

        assertThat(run()).isNotZero();
        assertThat(run("--prompt", "x", "--prompts", prompts.toString())).isNotZero();
    }

    @Test
    void turnsApplyToASinglePrompt() {
        assertThat(run("--prompt", "hi", "--turns", "21")).isZero();
        assertThat(out.toString()).startsWith("API").contains("conversation of 21 earlier messages, over the limit of 20");
    }

    @Test
    void longPromptsAreShortenedInText() {
        assertThat(RouteCommand.excerpt("a".repeat(100))).hasSize(70).endsWith("…");
        assertThat(RouteCommand.excerpt("  ")).isEqualTo("(empty prompt)");
    }
}
