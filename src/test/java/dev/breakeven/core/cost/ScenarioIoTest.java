package dev.breakeven.core.cost;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.breakeven.core.cost.CostInput.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScenarioIoTest {
    @TempDir
    Path dir;

    @Test
    void everyPresetRoundTripsThroughAFile() throws Exception {
        for (String id : ScenarioPresets.IDS) {
            Scenario preset = ScenarioPresets.load(id);
            Path file = dir.resolve(id + ".json");
            ScenarioIo.save(preset, file);
            Scenario back = ScenarioIo.load(file);
            assertThat(back).as(id).isEqualTo(preset);
            assertThat(back.toInputs(PriceCatalog.bundled()).asMap())
                    .isEqualTo(preset.toInputs(PriceCatalog.bundled()).asMap());
        }
    }

    @Test
    void inputsRoundTripThroughFromInputs() throws Exception {
        RangeInputs in = RangeInputs.points(Inputs.base()).with(HARDWARE_USD, Range.between(1000, 1700));
        Scenario s = Scenario.fromInputs("mine", "", in, "openai/gpt-5-mini", List.of("openai/gpt-5"), "card", "us-average");
        Scenario back = ScenarioIo.parse(ScenarioIo.toJson(s));
        RangeInputs again = back.toInputs(PriceCatalog.bundled());
        assertThat(again.get(HARDWARE_USD)).isEqualTo(Range.between(1000, 1700));
        assertThat(again.get(API_OUTPUT_PRICE)).isEqualTo(Range.of(4));
        assertThat(again.get(TOK_PER_SEC)).isEqualTo(Range.of(20));
        assertThat(ScenarioIo.toJson(s)).contains("\"schemaVersion\" : 1");
    }

    @Test
    void requestsTimesTokensGiveTokensPerDayAndCatalogFillsPrices() {
        Scenario team = ScenarioPresets.load("consultancy-team-20");
        RangeInputs in = team.toInputs(PriceCatalog.bundled());
        // 600–1000 requests × 1500–3000 tokens: 0.9M–3M, central 800 × 2000 = 1.6M
        assertThat(in.get(INPUT_TOKENS_PER_DAY)).isEqualTo(new Range(900_000, 1_600_000, 3_000_000));
        // Claude Sonnet 4.5 from the catalog: $3 in, $15 out, $0.30 cached
        assertThat(in.get(API_OUTPUT_PRICE).mid()).isEqualTo(15);
        assertThat(in.get(API_CACHED_PRICE).mid()).isEqualTo(0.3);
        assertThat(in.get(AMORTIZE_MONTHS).mid()).isEqualTo(36);
    }

    @Test
    void badFilesSayWhatIsWrong() {
        assertThatThrownBy(() -> ScenarioIo.parse("{ not json")).hasMessageStartingWith("not valid JSON (line 1");
        assertThatThrownBy(() -> ScenarioIo.parse("{\"name\": \"x\"}")).hasMessageContaining("no numeric schemaVersion");
        assertThatThrownBy(() -> ScenarioIo.parse("{\"schemaVersion\": 0}")).hasMessageContaining("older");
        assertThatThrownBy(() -> ScenarioIo.parse("{\"schemaVersion\": 2}"))
                .hasMessageContaining("newer Breakeven (schemaVersion 2)");
        assertThatThrownBy(() -> ScenarioIo.parse("{\"schemaVersion\": 1, \"colour\": 1}"))
                .hasMessageContaining("unknown field 'colour'");
        assertThatThrownBy(() -> ScenarioIo.parse("{\"schemaVersion\": 1, \"rig\": {\"wattsLoad\": \"lots\"}}"))
                .hasMessageContaining("rig.wattsLoad");
        assertThatThrownBy(() -> ScenarioIo.parse("{\"schemaVersion\": 1, \"rig\": {\"wattsLoad\": {\"low\": 1}}}"))
                .hasMessageContaining("needs numeric 'low' and 'high'");
        assertThatThrownBy(() -> ScenarioIo.parse("{\"schemaVersion\": 1}"))
                .hasMessageContaining("not usable").hasMessageContaining("Hardware price: required");
        assertThatThrownBy(() -> ScenarioIo.load(dir.resolve("missing.json"))).hasMessageStartingWith("no such scenario file");
    }

    @Test
    void negativeNumbersInAFileAreRejected() throws Exception {
        String json = ScenarioIo.toJson(ScenarioPresets.load(ScenarioPresets.RULE_OF_THUMB))
                .replace("\"kwhUsd\" : 0.17", "\"kwhUsd\" : -0.17");
        Path file = dir.resolve("neg.json");
        Files.writeString(file, json);
        assertThatThrownBy(() -> ScenarioIo.load(file)).hasMessageContaining("Electricity price: must not be negative");
    }

    @Test
    void ruleOfThumbPresetHoldsTheQuotedRanges() {
        RangeInputs in = ScenarioPresets.load(ScenarioPresets.RULE_OF_THUMB).toInputs(PriceCatalog.bundled());
        assertThat(in.get(HARDWARE_USD)).isEqualTo(Range.between(1000, 1700));
        assertThat(in.get(WATTS_LOAD)).isEqualTo(Range.between(350, 450));
        assertThat(in.get(OUTPUT_TOKENS_PER_DAY).mid()).isEqualTo(3_000_000);
        CostResult r = CostModel.evaluate(in.mid());
        // 35 tok/s × 3600 × 24 = 3,024,000 ≥ 3,000,000: the central rig just keeps up
        assertThat(r.capacityTokensPerDay()).isCloseTo(3_024_000, within(1e-6));
        assertThat(r.rigsNeeded()).isEqualTo(1);
    }
}
