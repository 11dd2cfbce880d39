package dev.breakeven.core.ledger;

import dev.breakeven.core.chat.Role;
import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.core.chat.store.AnswerMetrics;
import dev.breakeven.core.chat.store.Conversation;
import dev.breakeven.core.chat.store.StoredMessage;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.ApiTier;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

public class LedgerTest {
    /** The conversations below, for the CLI test. */
    public static List<Conversation> fixtures() {
        return conversations();
    }

    static final ApiPrice API = new ApiPrice("test/api", "Test API", "test", ApiTier.values()[0], 2.0, 8.0, null, 128_000,
            "2026-12-01", "https://example.org/prices");

    static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    static StoredMessage answer(String instant, int in, int out, Double joules) {
        AnswerMetrics m = new AnswerMetrics("llama.cpp", "model", in, out, 100.0, 500.0, 20.0, 21.0,
                joules == null ? null : 30.0, joules, joules == null ? null : "estimated: test", false, "STOP");
        return new StoredMessage(Role.ASSISTANT, "answer", at(instant), false, m);
    }

    /** Two conversations over two days, one answer without a power figure. */
    static List<Conversation> conversations() {
        Conversation a = new Conversation("conv-a", "A", at("2026-11-30T10:00:00Z"), at("2026-12-01T09:00:00Z"), "",
                SamplingSettings.defaults(), List.of(
                StoredMessage.user("hello", at("2026-11-30T10:00:00Z")),
                answer("2026-11-30T10:00:05Z", 1000, 500, 3600.0),
                StoredMessage.user("again", at("2026-12-01T08:59:00Z")),
                answer("2026-12-01T09:00:00Z", 2000, 1000, 7200.0)));
        Conversation b = new Conversation("conv-b", "B", at("2026-12-01T20:00:00Z"), at("2026-12-01T20:00:00Z"), "",
                SamplingSettings.defaults(), List.of(
                StoredMessage.user("hi", at("2026-12-01T19:59:00Z")),
                answer("2026-12-01T20:00:00Z", 500, 250, null)));
        return List.of(a, b);
    }

    @Test
    void sumsPerDayAndMonthByHand() {
        Ledger.Report r = Ledger.of(conversations(), new Ledger.Settings(API, 0.30, 1095, 3, ZoneOffset.UTC),
                Instant.parse("2026-12-09T12:00:00Z"));

        // 2026-11-30: API (1000×2 + 500×8)/1e6 = $0.006; 3600 J = 1 Wh = 0.001 kWh × $0.30 = $0.0003.
        LedgerPeriod nov30 = r.days().get(0);
        assertThat(nov30.period()).isEqualTo("2026-11-30");
        assertThat(nov30.tokensIn()).isEqualTo(1000);
        assertThat(nov30.tokensOut()).isEqualTo(500);
        assertThat(nov30.apiUsd()).isCloseTo(0.006, within(1e-12));
        assertThat(nov30.electricityUsd()).isCloseTo(0.0003, within(1e-12));
        assertThat(nov30.savedUsd()).isCloseTo(0.0057, within(1e-12));
        // 2026-12-01: API (2000×2 + 1000×8 + 500×2 + 250×8)/1e6 = $0.015; 7200 J = 2 Wh → $0.0006; one answer had no energy.
        LedgerPeriod dec1 = r.days().get(1);
        assertThat(dec1.period()).isEqualTo("2026-12-01");
        assertThat(dec1.answers()).isEqualTo(2);
        assertThat(dec1.tokensIn()).isEqualTo(2500);
        assertThat(dec1.apiUsd()).isCloseTo(0.015, within(1e-12));
        assertThat(dec1.electricityUsd()).isCloseTo(0.0006, within(1e-12));
        assertThat(dec1.kilowattHours()).isCloseTo(0.002, within(1e-12));
        assertThat(dec1.answersWithoutEnergy()).isEqualTo(1);

        assertThat(r.months()).extracting(LedgerPeriod::period).containsExactly("2026-11", "2026-12");
        assertThat(r.months().get(1).apiUsd()).isCloseTo(0.015, within(1e-12));
        assertThat(r.total().answers()).isEqualTo(3);
        assertThat(r.total().tokensIn()).isEqualTo(3500);
        assertThat(r.total().tokensOut()).isEqualTo(1750);
        assertThat(r.total().savedUsd()).isCloseTo(0.021 - 0.0009, within(1e-12));
        assertThat(r.since()).isEqualTo("2026-11-30");
        // $1095 over 3 × 365 days is $1 a day; 2026-11-30 to 2026-12-09 inclusive is 10 days.
        assertThat(r.hardwareAmortisedUsd()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void userMessagesAndPartialAnswersWithoutMetricsDoNotCount() {
        Conversation only = new Conversation("conv-c", "C", 0, 0, "", SamplingSettings.defaults(), List.of(
                StoredMessage.user("hi", at("2026-12-01T19:59:00Z")),
                new StoredMessage(Role.ASSISTANT, "cut", at("2026-12-01T20:00:00Z"), true, null)));
        Ledger.Report r = Ledger.of(List.of(only), new Ledger.Settings(API, 0.30, 0, 3, ZoneOffset.UTC), Instant.now());
        assertThat(r.total().answers()).isZero();
        assertThat(r.since()).isNull();
        assertThat(r.days()).isEmpty();
    }
}
