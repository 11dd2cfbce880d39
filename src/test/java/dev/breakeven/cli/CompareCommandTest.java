package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompareCommandTest {
    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(home, args);
    }

    private static final String[] WORKLOAD = {"--tokens-in-per-day", "2000000", "--tokens-out-per-day", "1000000",
            "--api-model", "anthropic/claude-haiku-4-5", "--kwh-usd", "0.2", "--hours-per-day", "8"};

    private CliRun compare(String... args) {
        String[] all = new String[args.length + WORKLOAD.length + 1];
        all[0] = "compare";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(WORKLOAD, 0, all, 1 + args.length, WORKLOAD.length);
        return run(all);
    }

    @Test
    void printsOneObjectPerOptionWithTheContractFields() throws Exception {
        CliRun r = compare("--gpu", "GeForce RTX 3090", "--gpu", "2x RTX 3090", "--gpu", "rtx-4060-ti-16gb",
                "--price", "700", "--model", "llama-3.3-70b", "--quant", "Q4_K_M", "--ctx", "8192", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.isArray()).isTrue();
        assertThat(json.size()).isEqualTo(3);
        JsonNode one = json.get(0);
        JsonNode two = json.get(1);
        for (String f : new String[] {"option", "vramGiB", "bandwidthGBps", "tdpWatts", "priceUsd", "largestFullModel",
                "fit", "decodeTokPerSec", "prefillTokPerSec", "watts", "kwhPerMtok", "localUsdPerMtok", "paybackMonths",
                "bestIn", "verdict"}) {
            assertThat(one.has(f)).as(f).isTrue();
        }
        assertThat(one.get("priceUsd").asDouble()).isEqualTo(700);
        assertThat(one.get("fit").asText()).isEqualTo("partial");
        assertThat(two.get("option").asText()).isEqualTo("2× GeForce RTX 3090");
        assertThat(two.get("fit").asText()).isEqualTo("full");
        assertThat(two.get("vramGiB").asDouble()).isGreaterThan(46);
        assertThat(two.get("bestIn").toString()).contains("decode").contains("vram");
        assertThat(two.get("verdict").asText()).startsWith("runs Llama 3.3 70B Instruct Q4_K_M fully at ~")
                .contains("Claude Haiku 4.5");
        assertThat(json.get(2).get("verdict").asText()).startsWith("does not fit on the GPU: needs");
    }

    @Test
    void usersAtOnceShowWhatTheyDecodeTogetherAndFewerRigs() throws Exception {
        JsonNode one = Json.mapper().readTree(compare("--gpu", "RTX 4090", "--model", "qwen3-8b", "--json").out()).get(0);
        CliRun r = compare("--gpu", "RTX 4090", "--model", "qwen3-8b", "--concurrency", "8", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode eight = Json.mapper().readTree(r.out()).get(0);
        assertThat(one.get("users").asInt()).isEqualTo(1);
        assertThat(one.get("servedTokPerSec").asDouble()).isEqualTo(one.get("decodeTokPerSec").asDouble());
        assertThat(eight.get("users").asInt()).isEqualTo(8);
        assertThat(eight.get("decodeTokPerSec").asDouble()).isEqualTo(one.get("decodeTokPerSec").asDouble());
        assertThat(eight.get("servedTokPerSec").asDouble()).isGreaterThan(3 * one.get("servedTokPerSec").asDouble());
        assertThat(eight.get("kwhPerMtok").asDouble()).isLessThan(one.get("kwhPerMtok").asDouble());

        CliRun text = compare("--gpu", "RTX 4090", "--model", "qwen3-8b", "--concurrency", "8");
        assertThat(text.out()).contains("8 users at once: ").contains(" tok/s in all, ");
        CliRun bad = compare("--gpu", "RTX 4090", "--model", "qwen3-8b", "--concurrency", "0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--concurrency").doesNotContain("Exception");
    }

    @Test
    void thisMachineUsesTheDetectedProfile() throws Exception {
        CliRun r = compare("--gpu", "this", "--gpu", "RTX 4090", "--model", "llama-3.1-8b", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.get(0).get("option").asText()).startsWith("this machine");
        assertThat(json.get(0).get("priceUsd").asDouble()).isZero();
        assertThat(json.get(1).get("quant").asText()).isEqualTo("Q4_K_M");
        assertThat(json.get(1).get("contextLength").asInt()).isEqualTo(8192);
    }

    @Test
    void thisMachineSaysWhetherACalibrationCorrectedItsFigures() throws Exception {
        JsonNode before = Json.mapper().readTree(compare("--gpu", "this", "--model", "llama-3.1-8b", "--json").out());
        assertThat(before.get(0).get("option").asText()).startsWith("this machine").endsWith(" · uncalibrated");

        java.nio.file.Path settings = java.nio.file.Files.createDirectories(home.resolve("settings"));
        new dev.breakeven.core.hardware.MachineCalibrationStore(settings).save(new dev.breakeven.core.hardware.MachineCalibration(
                dev.breakeven.core.hardware.MachineId.thisMachine(), "2026-12-07T16:00:00Z", "llama-server",
                "0.5B shape", 2, 20, 60.0, 80, 120.0, 40, 3.0, 5, 0.5, null));
        JsonNode after = Json.mapper().readTree(compare("--gpu", "this", "--model", "llama-3.1-8b", "--json").out());
        String option = after.get(0).get("option").asText();
        assertThat(option).endsWith(" · calibrated 2026-12-07");
        if (option.contains("CPU only")) { // on a GPU machine the card, not the calibrated RAM, sets the speed
            assertThat(after.get(0).get("decodeTokPerSec").asDouble())
                    .isLessThan(before.get(0).get("decodeTokPerSec").asDouble());
            assertThat(after.get(0).get("prefillTokPerSec").asDouble())
                    .isLessThan(before.get(0).get("prefillTokPerSec").asDouble());
        }
    }

    @Test
    void badInputGivesOneLine() {
        CliRun unknown = compare("--gpu", "RTX 9999 Hyper", "--model", "llama-3.1-8b");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("no GPU named 'RTX 9999 Hyper'").doesNotContain("Exception");
        CliRun model = compare("--gpu", "RTX 4090", "--model", "nope");
        assertThat(model.err()).contains("no model 'nope'");
        CliRun mac = compare("--gpu", "2x apple-m3-max", "--model", "llama-3.1-8b");
        assertThat(mac.code()).isNotZero();
        assertThat(mac.err()).contains("unified-memory");
        CliRun noApi = run("compare", "--gpu", "RTX 4090", "--model", "llama-3.1-8b", "--tokens-in-per-day", "1",
                "--tokens-out-per-day", "1");
        assertThat(noApi.err()).contains("--api-model");
    }

    @Test
    void textOutputHasAVerdictPerOption() {
        CliRun r = compare("--gpu", "RTX 4090", "--gpu", "RTX 5090", "--model", "qwen3-32b");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("GeForce RTX 4090:").contains("GeForce RTX 5090:").contains("runs Qwen3 32B Q4_K_M");
    }

    @Test
    void aScenarioWithAComparisonRunsWithoutOtherOptions() throws Exception {
        var s = dev.breakeven.core.cost.ScenarioPresets.load("buyer-comparing-cards").withComparison(
                new dev.breakeven.core.cost.Scenario.Comparison(List.of(
                        new dev.breakeven.core.cost.Scenario.ComparedOption("2x rtx-3090", 1400.0),
                        new dev.breakeven.core.cost.Scenario.ComparedOption("rtx-5090", null)), "qwen3-32b", "Q4_K_M", 8192));
        Path file = home.resolve("cmp.json");
        dev.breakeven.core.cost.ScenarioIo.save(s, file);
        CliRun r = run("compare", "--scenario", file.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.size()).isEqualTo(2);
        assertThat(json.get(0).get("priceUsd").asDouble()).isEqualTo(1400);
        assertThat(json.get(1).get("api").asText()).isEqualTo("Claude Haiku 4.5");

        CliRun other = run("compare", "--scenario", file.toString(), "--gpu", "RTX 4090", "--model", "llama-3.1-8b", "--json");
        assertThat(other.code()).as(other.err()).isZero();
        assertThat(Json.mapper().readTree(other.out()).get(0).get("model").asText()).isEqualTo("llama-3.1-8b");

        CliRun plain = run("compare", "--scenario", home.resolve("missing.json").toString());
        assertThat(plain.code()).isNotZero();
        assertThat(plain.err()).contains("no such scenario file");
    }
}
