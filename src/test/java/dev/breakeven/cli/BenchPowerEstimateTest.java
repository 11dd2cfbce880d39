package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13: on a machine without a readable sensor, bench still gives watts and J/token, labelled as an estimate. */
class BenchPowerEstimateTest {
    @TempDir
    Path home;

    @Test
    void benchGivesWattsAndJoulesPerTokenWithoutAnyOption() throws Exception {
        CliRun r = CliRun.run(home, new String[]{"bench", "--gguf", SharedModels.tinyLlama().toString(),
                "--prompt-tokens", "16", "--gen-tokens", "16", "--threads", "2", "--ctx", "256", "--json"});

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.path("watts").isNumber()).as(r.out()).isTrue();
        assertThat(json.path("watts").asDouble()).isPositive();
        assertThat(json.path("joulesPerToken").isNumber()).as(r.out()).isTrue();
        assertThat(json.path("joulesPerToken").asDouble()).isPositive();
        // Where a sensor answers it wins; otherwise the source must say it is an estimate.
        // An estimate names its basis (catalog entry or CPU class, × load) so a user can check it.
        assertThat(json.path("wattsSource").asText()).satisfiesAnyOf(
                s -> assertThat(s).startsWith("estimated: ").contains(" W").contains("load"),
                s -> assertThat(s).startsWith("measured ("));
    }
}
