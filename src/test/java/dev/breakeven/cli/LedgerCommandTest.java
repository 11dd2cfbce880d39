package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.chat.store.Conversation;
import dev.breakeven.core.chat.store.ConversationStore;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.io.Json;
import dev.breakeven.core.ledger.LedgerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LedgerCommandTest {
    @TempDir
    Path home;

    @Test
    void ledgerSumsStoredConversationsAtTheChosenApisPrices() throws Exception {
        ConversationStore store = ConversationStore.under(home.resolve("data"));
        for (Conversation c : LedgerTestAccess.conversations()) {
            store.save(c);
        }
        ApiPrice api = PriceCatalog.bundled().find("openai/gpt-4.1").orElseThrow();

        CliRun r = CliRun.run(home, "ledger", "--api", "openai/gpt-4.1", "--usd-per-kwh", "0.30", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        // 3500 tokens in and 1750 out in all; 10800 J = 3 Wh at $0.30/kWh = $0.0009.
        double apiUsd = (3500 * api.inputUsdPerMtok() + 1750 * api.outputUsdPerMtok()) / 1e6;
        assertThat(json.at("/total/tokensIn").asLong()).isEqualTo(3500);
        assertThat(json.at("/total/tokensOut").asLong()).isEqualTo(1750);
        assertThat(json.at("/total/electricityUsd").asDouble()).isCloseTo(0.0009, within(1e-12));
        assertThat(json.at("/total/apiUsd").asDouble()).isCloseTo(apiUsd, within(1e-12));
        assertThat(json.at("/since").asText()).isEqualTo("2026-11-30");
        assertThat(json.get("months")).hasSize(2);

        CliRun text = CliRun.run(home, "ledger", "--api", "openai/gpt-4.1", "--usd-per-kwh", "0.30");
        assertThat(text.out()).contains("Local has saved $").contains("since 2026-11-30")
                .contains("1 answer(s) were stored without a power figure");
    }

    @Test
    void anUnknownApiIsRefusedWithOneLine() {
        CliRun r = CliRun.run(home, "ledger", "--api", "nope/none");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("no API 'nope/none'");
    }

    @Test
    void withoutOptionsTheLedgerPricesWithTheCostsPagesSavedChoices() throws Exception {
        ConversationStore store = ConversationStore.under(home.resolve("data"));
        for (Conversation c : LedgerTestAccess.conversations()) {
            store.save(c);
        }
        // what the Costs page saves as the user picks: a model, an electricity range, hardware, parts, resale, months
        new dev.breakeven.core.cost.CostChoicesStore(home.resolve("data")).save(new dev.breakeven.core.cost.CostChoices(
                "anthropic/claude-haiku-4-5", "0.20–0.40", "1500", "500", "200", "24"));
        ApiPrice haiku = PriceCatalog.bundled().find("anthropic/claude-haiku-4-5").orElseThrow();

        JsonNode json = Json.mapper().readTree(CliRun.run(home, "ledger", "--json").out());

        assertThat(json.at("/api").asText()).isEqualTo(haiku.name());
        assertThat(json.at("/usdPerKwh").asDouble()).isCloseTo(0.30, within(1e-12)); // the range's midpoint
        // 3 Wh at $0.30/kWh; 1500 + 500 − 200 = $1800 written off over 2 years from 2026-11-30
        assertThat(json.at("/total/electricityUsd").asDouble()).isCloseTo(0.0009, within(1e-12));
        long days = java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.parse("2026-11-30"),
                java.time.LocalDate.now(java.time.ZoneId.systemDefault())) + 1;
        assertThat(json.at("/hardwareAmortisedUsd").asDouble()).isCloseTo(Math.min(1800, 1800.0 * days / 730),
                within(1e-9));

        JsonNode given = Json.mapper().readTree(CliRun.run(home, "ledger", "--api", "openai/gpt-4.1",
                "--usd-per-kwh", "0.1", "--hardware-usd", "0", "--json").out());
        assertThat(given.at("/usdPerKwh").asDouble()).as("an option beats the saved choice").isEqualTo(0.1);
        assertThat(given.at("/hardwareAmortisedUsd").asDouble()).isZero();
    }

    /** The test fixtures of {@link LedgerTest}, reachable from this package. */
    static final class LedgerTestAccess {
        static java.util.List<Conversation> conversations() {
            return LedgerTest.fixtures();
        }
    }
}
