package dev.breakeven.core.compare;

import dev.breakeven.core.fit.FlashAttention;
import dev.breakeven.core.models.CatalogModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Compare request's users-at-once and flash-attention settings reach the plan and the cost columns. */
class CompareConcurrencyTest {
    private static final GpuComparison COMPARE = GpuComparison.standard();

    private static CompareRequest request(int users, FlashAttention fa) {
        CatalogModel model = COMPARE.models().find("qwen3-8b").orElseThrow();
        return new CompareRequest(model, COMPARE.quants().find("Q4_K_M").orElseThrow(), 8192,
                GpuComparisonTest.workload().with(dev.breakeven.core.cost.CostInput.OUTPUT_TOKENS_PER_DAY, 20_000_000),
                "x", fa, users);
    }

    @Test
    void eightUsersAtOnceRaiseCapacitySoFewerRigsAndLessEnergyPerToken() {
        var card = CompareOption.Cards.of(COMPARE.gpus().find("rtx-4090").orElseThrow());
        OptionResult one = COMPARE.evaluate(card, request(1, FlashAttention.AUTO));
        OptionResult eight = COMPARE.evaluate(card, request(8, FlashAttention.AUTO));
        assertThat(eight.decodeTokPerSec()).as("single-stream figure unchanged").isEqualTo(one.decodeTokPerSec());
        assertThat(eight.rigsNeeded()).isLessThan(one.rigsNeeded());
        assertThat(eight.kwhPerMtok()).isLessThan(one.kwhPerMtok() / 3);
        // the grid and the CLI show what the eight decode together and what each sees
        assertThat(one.servedTokPerSec()).isEqualTo(one.decodeTokPerSec());
        assertThat(eight.users()).isEqualTo(8);
        assertThat(eight.servedTokPerSec()).isGreaterThan(3 * one.servedTokPerSec());
        assertThat(ComparisonRows.served(eight)).startsWith("8: ").contains(" tok/s in all, ")
                .contains(String.format(java.util.Locale.ROOT, "%.1f each", eight.servedTokPerSec() / 8));
        assertThat(ComparisonRows.served(one)).isEqualTo("1: as decode");
    }

    @Test
    void flashAttentionOffNeedsMoreMemoryAndUsersAreBounded() {
        var card = CompareOption.Cards.of(COMPARE.gpus().find("rtx-4090").orElseThrow());
        double on = COMPARE.evaluate(card, request(1, FlashAttention.ON)).needGiB();
        double off = COMPARE.evaluate(card, request(1, FlashAttention.OFF)).needGiB();
        assertThat(off - on).as("f32 scores of 32 heads over 8k cells").isGreaterThan(0.4);
        assertThatThrownBy(() -> request(0, FlashAttention.AUTO)).hasMessageContaining("concurrency");
    }
}
