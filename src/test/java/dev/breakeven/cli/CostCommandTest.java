package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.app.AppServices;
import dev.breakeven.core.cost.ScenarioIo;
import dev.breakeven.core.cost.ScenarioPresets;
import dev.breakeven.core.io.Json;
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

class CostCommandTest {
    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("cost"));
        all.addAll(List.of(args));
        return BreakevenCommand.run(AppServices.forTest(home), all.toArray(String[]::new), new PrintWriter(out),
                new PrintWriter(err));
    }

    private static final String[] BASE = {"--api-in", "1", "--api-out", "4", "--tokens-in-per-day", "1000000",
            "--tokens-out-per-day", "500000", "--hardware-usd", "1200", "--watts", "300", "--hours-per-day", "10",
            "--kwh-usd", "0.2", "--tok-per-sec", "20", "--json"};

    @Test
    void printsTheContractFieldsWithHandCheckedValues() throws Exception {
        assertThat(run(BASE)).isZero();
        JsonNode j = Json.mapper().readTree(out.toString());
        assertThat(j.fieldNames()).toIterable().startsWith("apiMonthlyUsd", "localMonthlyUsd", "localEnergyMonthlyUsd",
                "paybackMonths", "breakEvenTokensPerMonth", "localUsdPerMtok", "apiUsdPerMtok", "capacityTokensPerDay",
                "rigsNeeded");
        double days = 365.25 / 12;
        // API: ($1 × 1M + $4 × 0.5M) / 1M = $3/day × 30.4375 = $91.3125
        assertThat(j.get("apiMonthlyUsd").asDouble()).isCloseTo(3 * days, within(1e-9));
        // energy: 300 W × 10 h × 30.4375 d / 1000 = 91.3125 kWh × $0.20 = $18.2625
        assertThat(j.get("localEnergyMonthlyUsd").asDouble()).isCloseTo(0.3 * 10 * days * 0.2, within(1e-9));
        // local: $1,200 / 36 (default amortisation) + $18.2625
        assertThat(j.get("localMonthlyUsd").asDouble()).isCloseTo(1200.0 / 36 + 0.3 * 10 * days * 0.2, within(1e-9));
        // payback: 1200 / (91.3125 − 18.2625) = 16.427
        assertThat(j.get("paybackMonths").asDouble()).isCloseTo(1200 / (3 * days - 0.6 * days), within(1e-9));
        // capacity: 20 × 3600 × 10 = 720,000 tokens/day; one rig
        assertThat(j.get("capacityTokensPerDay").asDouble()).isEqualTo(720_000);
        assertThat(j.get("rigsNeeded").asInt()).isEqualTo(1);
        // $ per M: API 91.3125 / 45.65625M tokens = $2/M
        assertThat(j.get("apiUsdPerMtok").asDouble()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void neverIsNullAndAmortisationCanBeSet() throws Exception {
        List<String> args = new ArrayList<>(List.of(BASE));
        args.set(args.indexOf("--kwh-usd") + 1, "5");
        args.addAll(List.of("--amortize-months", "24"));
        assertThat(run(args.toArray(String[]::new))).isZero();
        JsonNode j = Json.mapper().readTree(out.toString());
        assertThat(j.get("paybackMonths").isNull()).isTrue();
        assertThat(j.get("breakEvenTokensPerMonth").isNull()).isTrue();
        // 1200 / 24 = 50 + energy 0.3 × 10 × 30.4375 × 5
        assertThat(j.get("localMonthlyUsd").asDouble()).isCloseTo(50 + 0.3 * 10 * (365.25 / 12) * 5, within(1e-9));
    }

    @Test
    void withoutThroughputCapacityIsNull() throws Exception {
        List<String> args = new ArrayList<>(List.of(BASE));
        int i = args.indexOf("--tok-per-sec");
        args.remove(i);
        args.remove(i);
        args.addAll(List.of("--api-share", "0.5"));
        assertThat(run(args.toArray(String[]::new))).isZero();
        JsonNode j = Json.mapper().readTree(out.toString());
        assertThat(j.get("capacityTokensPerDay").isNull()).isTrue();
        assertThat(j.get("rigsNeeded").asInt()).isEqualTo(1);
        double days = 365.25 / 12;
        // half the API bill + full amortisation + half the load power
        assertThat(j.get("hybridMonthlyUsd").asDouble())
                .isCloseTo(1.5 * days + 1200.0 / 36 + 0.3 * 5 * days * 0.2, within(1e-9));
    }

    @Test
    void badInputIsOneErrorLine() {
        List<String> args = new ArrayList<>(List.of(BASE));
        args.set(args.indexOf("--watts") + 1, "-300");
        assertThat(run(args.toArray(String[]::new))).isNotZero();
        assertThat(err.toString()).startsWith("error: --watts: -300 is too small; it must be 0 or more W").doesNotContain("Exception");
        assertThat(err.toString().lines()).hasSize(2).last().asString().contains("breakeven cost --help");
    }

    @Test
    void missingOptionsAreNamed() {
        assertThat(run("--api-in", "1", "--json")).isNotZero();
        assertThat(err.toString()).contains("missing --api-out").contains("--kwh-usd");
    }

    @Test
    void readsAScenarioFile() throws Exception {
        Path file = home.resolve("s.json");
        ScenarioIo.save(ScenarioPresets.load(ScenarioPresets.RULE_OF_THUMB), file);
        assertThat(run("--scenario", file.toString(), "--json")).as(err.toString()).isZero();
        JsonNode j = Json.mapper().readTree(out.toString());
        double days = 365.25 / 12;
        // 3M output/day × 30.4375 × $2/M (midpoint of $1–3) = $182.625
        assertThat(j.get("apiMonthlyUsd").asDouble()).isCloseTo(3 * days * 2, within(1e-9));
        // 400 W (midpoint) × 24 h × 30.4375 d = 292.2 kWh × $0.17
        assertThat(j.get("localEnergyMonthlyUsd").asDouble()).isCloseTo(0.4 * 24 * days * 0.17, within(1e-9));
    }

    @Test
    void aBrokenScenarioFileIsAClearError() throws Exception {
        Path file = home.resolve("bad.json");
        Files.writeString(file, "{\"schemaVersion\": 9}");
        assertThat(run("--scenario", file.toString(), "--json")).isNotZero();
        assertThat(err.toString()).contains("newer Breakeven");
    }
}
