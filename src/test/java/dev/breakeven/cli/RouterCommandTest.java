package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.io.Json;
import dev.breakeven.core.router.LabelledSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RouterCommandTest {
    @TempDir
    Path home;

    @Test
    void evalJsonGivesTheCurveThe5PercentPointAndCategories() throws Exception {
        CliRun run = CliRun.run(home, "router", "eval", "--json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode j = Json.mapper().readTree(run.out());
        assertThat(j.path("prompts").asInt()).isEqualTo(LabelledSet.bundled().prompts().size());
        assertThat(j.path("curve").size()).isGreaterThanOrEqualTo(10);
        JsonNode current = j.path("current");
        assertThat(current.path("maxLocalPromptTokens").asInt()).isEqualTo(2000);
        assertThat(current.path("precision").asDouble()).isBetween(0.0, 1.0);
        assertThat(current.path("mix").path("mixMonthlyUsd").asDouble()).isPositive();
        assertThat(j.path("nearestFivePercent").path("apiShare").asDouble()).isLessThan(current.path("apiShare").asDouble());
        assertThat(j.path("categories").size()).isEqualTo(8);
        assertThat(j.path("publishedStudies").asText()).contains("RouteLLM");
    }

    @Test
    void evalTextUsesTheGivenRulesAndWorkload() throws Exception {
        Path rules = home.resolve("r.json");
        Files.writeString(rules, "{\"maxLocalPromptTokens\": 0, \"hardPhrases\": [], \"codeBlocksToApi\": false, \"maxLocalTurns\": 0}");
        CliRun run = CliRun.run(home, "router", "eval", "--rules", rules.toString(), "--preset", "individual-offline");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("precision").contains("<- your rules").contains("RouteLLM")
                .containsPattern("off\\s+0\\.0%\\s+100\\.0%\\s+0\\.0%");
    }
}
