package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.CostInput;
import dev.breakeven.core.cost.PlannedThroughput;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.RangeEvaluator;
import dev.breakeven.core.cost.Scenario;
import dev.breakeven.core.cost.ScenarioIo;
import dev.breakeven.core.cost.ScenarioPresets;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.QuantCatalog;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Costs page's users-at-once field through its view model: the throughput, capacity and rigs follow the
 * planner's aggregate for that many streams (the same core call as {@code cost --concurrency}), and the choice
 * survives a save and load of the scenario.
 */
class CostsPlannerTest {
    private final CostsViewModel vm = new CostsViewModel(PriceCatalog.bundled(), LocalDate.of(2026, 12, 7));
    private final CostsPlanner planner = new CostsPlanner(vm, FitPlanner.standard());
    private final GpuCatalog gpus = GpuCatalog.load();
    private final ModelCatalog models = ModelCatalog.load();
    private final QuantCatalog quants = QuantCatalog.load();

    private void planQwen3OnA4090() {
        planner.use(gpus.find("rtx-4090").orElseThrow(), models.find("qwen3-8b").orElseThrow(),
                quants.find("Q4_K_M").orElseThrow());
    }

    private int rigsNeeded() {
        return RangeEvaluator.evaluate(vm.parsedInputs()).central().rigsNeeded();
    }

    @Test
    void usersAtOnceRaiseThroughputAndCutTheRigsATeamNeeds() {
        vm.load(ScenarioPresets.load("consultancy-team-20"));
        // a team leaning on it: 5 M output tokens a day over 9 load hours is 154 tok/s, beyond one 70B stream
        vm.text(CostInput.OUTPUT_TOKENS_PER_DAY).set("5000000");
        planner.use(gpus.find("rtx-pro-6000-blackwell").orElseThrow(), models.find("llama-3.3-70b").orElseThrow(),
                quants.find("Q4_K_M").orElseThrow());
        double one = Double.parseDouble(vm.text(CostInput.TOK_PER_SEC).get());
        int rigsForOne = rigsNeeded();

        planner.concurrencyProperty().set(8);

        double eight = Double.parseDouble(vm.text(CostInput.TOK_PER_SEC).get());
        var expected = PlannedThroughput.predict(FitPlanner.standard(),
                gpus.find("rtx-pro-6000-blackwell").orElseThrow(), models.find("llama-3.3-70b").orElseThrow(),
                quants.find("Q4_K_M").orElseThrow(), 8).orElseThrow();
        assertThat(eight).isCloseTo(expected.tokPerSec(), org.assertj.core.data.Offset.offset(0.06));
        assertThat(eight).isGreaterThan(3 * one);
        assertThat(rigsForOne).isGreaterThan(1);
        assertThat(rigsNeeded()).isLessThan(rigsForOne);
        assertThat(planner.resultProperty().get()).contains("8 users at once").contains("in total");
        assertThat(vm.servedProperty().get()).isEqualTo(new Scenario.Served("llama-3.3-70b", "Q4_K_M",
                "RTX PRO 6000 Blackwell", 8));
        System.out.printf("llama-3.3-70b Q4_K_M on an RTX PRO 6000, 5 M output tokens/day: 1 user %.1f tok/s, %d rigs;"
                + " 8 users %.1f tok/s, %d rigs%n", one, rigsForOne, eight, rigsNeeded());
    }

    @Test
    void theChoiceIsSavedWithTheScenarioAndComesBack() throws Exception {
        vm.load(ScenarioPresets.load("consultancy-team-20"));
        planner.concurrencyProperty().set(4);
        planQwen3OnA4090();
        String tps = vm.text(CostInput.TOK_PER_SEC).get();
        String json = ScenarioIo.toJson(vm.toScenario());
        var served = dev.breakeven.core.io.Json.mapper().readTree(json).get("rig").get("served");
        assertThat(served.get("concurrency").asInt()).isEqualTo(4);
        assertThat(served.get("gpu").asText()).isEqualTo("GeForce RTX 4090");

        CostsViewModel reopened = new CostsViewModel(PriceCatalog.bundled(), LocalDate.of(2026, 12, 7));
        CostsPlanner again = new CostsPlanner(reopened, FitPlanner.standard());
        reopened.load(ScenarioIo.parse(json));
        assertThat(again.concurrencyProperty().get()).isEqualTo(4);
        assertThat(reopened.text(CostInput.TOK_PER_SEC).get()).isEqualTo(tps);
        assertThat(reopened.servedProperty().get().modelId()).isEqualTo("qwen3-8b");

        // changing the users at once on the reopened scenario re-plans from the saved choice
        again.concurrencyProperty().set(1);
        assertThat(Double.parseDouble(reopened.text(CostInput.TOK_PER_SEC).get()))
                .isLessThan(Double.parseDouble(tps));
    }

    @Test
    void aThroughputTypedByHandIsNoLongerThePlanners() {
        vm.load(ScenarioPresets.load("consultancy-team-20"));
        planQwen3OnA4090();
        assertThat(vm.servedProperty().get()).isNotNull();
        vm.text(CostInput.TOK_PER_SEC).set("55");
        assertThat(vm.servedProperty().get()).isNull();
        assertThat(ScenarioIo.toJson(vm.toScenario())).doesNotContain("served");
        // and the users-at-once field then changes nothing
        planner.concurrencyProperty().set(8);
        assertThat(vm.text(CostInput.TOK_PER_SEC).get()).isEqualTo("55");
    }

    @Test
    void aSavedChoiceOutsideTheLimitsIsRefusedWithAReason() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScenarioIo.parse("""
                {"schemaVersion": 1, "name": "x", "rig": {"served": {"modelId": "qwen3-8b", "quant": "Q4_K_M",
                 "gpu": "GeForce RTX 4090", "concurrency": 0}}}"""))
                .hasMessageContaining("users at once must be between 1 and 256");
    }
}
