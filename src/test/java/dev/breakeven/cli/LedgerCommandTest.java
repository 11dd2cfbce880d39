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

    /** The test fixtures of {@link LedgerTest}, reachable from this package. */
    static final class LedgerTestAccess {
        static java.util.List<Conversation> conversations() {
            return LedgerTest.fixtures();
        }
    }
}
