package dev.breakeven.core.cost;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PriceCatalogTest {

    @Test
    void bundledCatalogHasEveryTierWithSourcesAndDates() {
        PriceCatalog catalog = PriceCatalog.bundled();
        assertThat(catalog.prices()).hasSizeGreaterThanOrEqualTo(30);
        for (ApiTier tier : ApiTier.values()) {
            assertThat(catalog.prices()).anyMatch(p -> p.tier() == tier);
        }
        assertThat(catalog.prices()).allMatch(p -> p.source().startsWith("https://"));
        assertThat(catalog.prices()).extracting(ApiPrice::id).doesNotHaveDuplicates();
        assertThat(catalog.find("openai/gpt-5-mini")).hasValueSatisfying(p -> {
            assertThat(p.outputUsdPerMtok()).isEqualTo(2.0);
            assertThat(p.cachedInputUsdPerMtok()).isEqualTo(0.025);
        });
    }

    @Test
    void oldPricesWarnAndFreshOnesDoNot() {
        PriceCatalog catalog = PriceCatalog.bundled();
        LocalDate newest = catalog.prices().stream().map(ApiPrice::checkedOn).max(LocalDate::compareTo).orElseThrow();
        LocalDate oldest = catalog.prices().stream().map(ApiPrice::checkedOn).min(LocalDate::compareTo).orElseThrow();
        LocalDate today = newest.plusDays(PriceCatalog.STALE_AFTER_DAYS + 1);
        assertThat(catalog.stalenessWarning(today)).hasValueSatisfying(w ->
                assertThat(w).contains(catalog.prices().size() + " of " + catalog.prices().size())
                        .contains(oldest.toString()));
        assertThat(catalog.stalenessWarning(newest)).as("checked on the refresh date").hasValueSatisfying(w ->
                assertThat(w).doesNotContain(catalog.prices().size() + " of "));
        ApiPrice fresh = catalog.prices().getFirst().withPrices(1, 2, null, today.minusDays(10), "typed");
        PriceCatalog onlyFresh = new PriceCatalog("", java.util.List.of(fresh));
        assertThat(onlyFresh.stalenessWarning(today)).isEmpty();
        assertThat(onlyFresh.stale(today.plusDays(81))).containsExactly(fresh);
    }

    @Test
    void importsChatModelsFromALiteLlmExcerpt() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("litellm-excerpt.json")) {
            LiteLlmImporter.Result result = LiteLlmImporter.read(in, LocalDate.of(2026, 11, 25));
            assertThat(result.prices()).extracting(ApiPrice::name).containsExactly("ai21.jamba-1-5-large-v1:0",
                    "ai21.jamba-1-5-mini-v1:0", "amazon.nova-2-lite-v1:0", "amazon.nova-2-pro-preview-20251202-v1:0");
            assertThat(result.skipped()).isEqualTo(2);
            ApiPrice nova = result.prices().get(2);
            // 3e-07 $/token × 1M = $0.30/M; 2.5e-06 → $2.50/M; cache 7.5e-08 → $0.075/M
            assertThat(nova.inputUsdPerMtok()).isCloseTo(0.30, within(1e-12));
            assertThat(nova.outputUsdPerMtok()).isCloseTo(2.50, within(1e-12));
            assertThat(nova.cachedInputUsdPerMtok()).isCloseTo(0.075, within(1e-12));
            assertThat(nova.contextWindow()).isEqualTo(1_000_000);
            assertThat(nova.provider()).isEqualTo("bedrock_converse");
            assertThat(nova.tier()).isEqualTo(ApiTier.MID);
            assertThat(result.prices().get(0).cachedInputUsdPerMtok()).isNull();
            assertThat(result.prices().get(3).tier()).isEqualTo(ApiTier.FRONTIER);
            assertThat(result.prices().get(1).tier()).isEqualTo(ApiTier.CHEAP);
        }
    }

    @Test
    void importRejectsSomethingThatIsNotATable() {
        var in = new java.io.ByteArrayInputStream("[1,2]".getBytes());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LiteLlmImporter.read(in, LocalDate.now()))
                .hasMessageContaining("not a LiteLLM price table");
    }

    @Test
    void userEditsSurviveARestartAndABrokenFileFallsBack(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        PriceCatalog bundled = PriceCatalog.bundled();
        ApiPrice edited = bundled.find("openai/gpt-5").orElseThrow()
                .withPrices(1, 8, 0.1, LocalDate.of(2026, 11, 25), "typed");
        java.nio.file.Path file = dir.resolve("api-prices.json");
        new PriceCatalog("", java.util.List.of(edited)).save(file);
        PriceCatalog loaded = PriceCatalog.userOrBundled(file);
        assertThat(loaded.find("openai/gpt-5").orElseThrow().outputUsdPerMtok()).isEqualTo(8);
        assertThat(loaded.prices()).hasSize(bundled.prices().size());
        java.nio.file.Files.writeString(file, "{ broken");
        assertThat(PriceCatalog.userOrBundled(file).prices()).isEqualTo(bundled.prices());
        assertThat(PriceCatalog.userOrBundled(dir.resolve("absent.json")).prices()).isEqualTo(bundled.prices());
    }

    @Test
    void electricityPresetsCarrySources() {
        var presets = ElectricityPreset.bundled();
        assertThat(presets).extracting(ElectricityPreset::id).contains("us-average", "de-household", "uk-price-cap");
        assertThat(presets.stream().filter(p -> p.id().equals("us-average")).findFirst().orElseThrow().usdPerKwh())
                .isEqualTo(0.17);
        assertThat(Arrays.asList(presets.stream().map(ElectricityPreset::source).toArray())).doesNotContainNull();
    }
}
