package dev.breakeven.core.models;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogTest {
    private final ModelCatalog models = ModelCatalog.load();
    private final QuantCatalog quants = QuantCatalog.load();

    @Test
    void catalogHoldsTheModelsPeopleRunWithSourcesAndUniqueIds() {
        assertThat(models.models()).hasSizeGreaterThanOrEqualTo(25);
        Set<String> ids = new HashSet<>();
        for (CatalogModel m : models.models()) {
            assertThat(ids.add(m.id())).as("duplicate id %s", m.id()).isTrue();
            assertThat(m.source()).startsWith("https://huggingface.co/").endsWith("config.json");
            assertThat(m.checked()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(m.licence()).isNotBlank();
            assertThat(m.maxContext()).isGreaterThanOrEqualTo(m.shape().contextLength() > 100_000 ? 100_000 : 4096);
            assertThat(m.shape().activeParameterCount()).isLessThanOrEqualTo(m.shape().parameterCount());
        }
        assertThat(ids).contains("llama-3.2-1b", "llama-3.3-70b", "qwen3-30b-a3b", "qwen3-235b-a22b", "gemma-3-27b",
                "mistral-small-3.1-24b", "phi-4", "deepseek-r1-distill-llama-8b", "gpt-oss-20b", "gpt-oss-120b");
    }

    /** The shape figures must add up to the published parameter count: catches a mistyped dimension. */
    @Test
    void shapesReproduceTheParameterCountWithinOnePercent() {
        for (CatalogModel m : models.models()) {
            ModelShape s = m.shape();
            long h = s.embeddingLength();
            long q = (long) s.headCount() * s.keyLength();
            long kv = (long) s.headCountKv() * s.keyLength();
            long attention = 2 * h * q + 2 * h * kv;
            long ffn = s.isMixtureOfExperts()
                    ? (long) s.expertCount() * 3 * h * s.expertFeedForwardLength() + h * s.expertCount()
                    : 3 * h * s.feedForwardLength();
            long total = m.embeddingParameters() + m.outputParameters() + s.blockCount() * (attention + ffn);
            assertThat((double) total).as(m.id())
                    .isCloseTo(s.parameterCount(), org.assertj.core.data.Percentage.withPercentage(1));
        }
    }

    @Test
    void moeModelsActivateAFractionOfTheirWeights() {
        CatalogModel moe = models.find("qwen3-30b-a3b").orElseThrow();
        assertThat(moe.shape().isMixtureOfExperts()).isTrue();
        assertThat(moe.shape().expertUsedCount()).isEqualTo(8);
        assertThat((double) moe.shape().activeParameterCount() / moe.shape().parameterCount()).isBetween(0.05, 0.2);
        assertThat(models.find("LLAMA-3.1-8B")).isPresent();
        assertThat(models.find("no-such-model")).isEmpty();
    }

    @Test
    void quantCatalogHasThePresetsWithSourcedFigures() {
        List<String> wanted = List.of("Q2_K", "Q3_K_S", "Q3_K_M", "Q4_0", "Q4_K_S", "Q4_K_M", "Q5_K_S", "Q5_K_M",
                "Q6_K", "Q8_0", "F16", "BF16", "IQ2_XXS", "IQ3_XXS", "IQ4_XS", "IQ4_NL", "MXFP4");
        for (String id : wanted) {
            Quant q = quants.find(id).orElseThrow(() -> new AssertionError("missing " + id));
            assertThat(q.sizeSource()).startsWith("https://");
            assertThat(q.bitsPerWeight()).isBetween(2.0, 16.5);
            // an effective figure includes higher-precision tensors, never less than the block format
            assertThat(q.bitsPerWeight()).isGreaterThanOrEqualTo(q.nominalBitsPerWeight() - 0.01);
            if (q.qualityLossPercent() != null && q.qualityLossPercent() > 0) {
                assertThat(q.qualitySource()).startsWith("https://");
            }
        }
    }

    @Test
    void moreBitsMeanLessQualityLossAcrossTheKQuants() {
        List<String> ladder = List.of("Q2_K", "Q3_K_S", "Q3_K_M", "Q4_K_S", "Q4_K_M", "Q5_K_S", "Q5_K_M", "Q6_K", "Q8_0");
        double lastBits = 0;
        double lastLoss = Double.MAX_VALUE;
        for (String id : ladder) {
            Quant q = quants.find(id).orElseThrow();
            assertThat(q.bitsPerWeight()).as(id).isGreaterThan(lastBits);
            assertThat(q.qualityLossPercent()).as(id).isLessThan(lastLoss);
            lastBits = q.bitsPerWeight();
            lastLoss = q.qualityLossPercent();
        }
        assertThat(quants.find("Q8_0").orElseThrow().bitsPerWeight()).isCloseTo(8.5, org.assertj.core.data.Offset.offset(0.05));
    }
}
