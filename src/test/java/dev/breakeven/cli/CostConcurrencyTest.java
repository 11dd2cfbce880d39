package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cost --concurrency N}: capacity and rigs from the planner's aggregate decode of N streams. */
class CostConcurrencyTest {
    @TempDir
    Path home;

    private JsonNode cost(int concurrency) throws Exception {
        CliRun r = CliRun.run(home, "cost", "--preset", "consultancy-team-20", "--concurrency",
                Integer.toString(concurrency), "--model", "qwen3-8b", "--quant", "Q4_K_M", "--gpu",
                "GeForce RTX 4090", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        return Json.mapper().readTree(r.out());
    }

    @Test
    void servingSeveralStreamsRaisesCapacityAndCutsRigs() throws Exception {
        JsonNode one = cost(1);
        JsonNode eight = cost(8);
        assertThat(eight.get("served").get("concurrency").asInt()).isEqualTo(8);
        double agg1 = one.get("served").get("aggregateTokPerSec").asDouble();
        double agg8 = eight.get("served").get("aggregateTokPerSec").asDouble();
        assertThat(agg8).as("weights are read once per step for all 8 streams").isGreaterThan(4 * agg1);
        assertThat(eight.get("served").get("perStreamTokPerSec").asDouble()).isLessThan(agg1);
        assertThat(eight.get("capacityTokensPerDay").asDouble())
                .isGreaterThan(4 * one.get("capacityTokensPerDay").asDouble());
        assertThat(eight.get("rigsNeeded").asInt()).isLessThanOrEqualTo(one.get("rigsNeeded").asInt());
        assertThat(eight.get("served").get("maxStreams").asInt()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void concurrencyWithoutAPlannerSubjectIsAClearError() {
        CliRun r = CliRun.run(home, "cost", "--preset", "consultancy-team-20", "--concurrency", "4");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--concurrency needs --model, --quant and --gpu");
        assertThat(CliRun.run(home, "cost", "--preset", "consultancy-team-20", "--model", "qwen3-8b").err())
                .contains("go together");
        assertThat(CliRun.run(home, "cost", "--preset", "consultancy-team-20", "--concurrency", "0", "--model",
                "qwen3-8b", "--quant", "Q4_K_M", "--gpu", "GeForce RTX 4090").err())
                .contains("--concurrency: 0 is too small; it must be at least 1 streams at once");
    }
}
