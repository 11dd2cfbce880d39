package dev.breakeven.core.ledger;

import dev.breakeven.core.chat.Role;
import dev.breakeven.core.chat.store.AnswerMetrics;
import dev.breakeven.core.chat.store.Conversation;
import dev.breakeven.core.chat.store.StoredMessage;
import dev.breakeven.core.cost.ApiPrice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums stored answers per day and month: every assistant message with metrics counts (a stopped answer too: its
 * tokens were generated and its energy spent). The API cost is the same prompt and generated tokens at the chosen
 * API's input and output prices; electricity is the stored joules at the given price per kWh.
 */
public final class Ledger {
    private Ledger() {
    }

    /**
     * @param hardwareUsd      what the machine cost, for the amortisation beside the savings (0: already paid for)
     * @param amortisationYears years the hardware is written off over
     */
    public record Settings(ApiPrice api, double usdPerKwh, double hardwareUsd, double amortisationYears, ZoneId zone) {
        public Settings {
            if (!(usdPerKwh >= 0) || !Double.isFinite(usdPerKwh)) {
                throw new IllegalArgumentException("electricity price must be a non-negative number: " + usdPerKwh);
            }
            if (!(hardwareUsd >= 0) || !(amortisationYears > 0)) {
                throw new IllegalArgumentException("hardware price must be ≥ 0 and amortisation years > 0");
            }
        }
    }

    /** Used where the Costs page has no choice saved: GPT-4.1, the US average electricity price, no hardware. */
    public static final String DEFAULT_API = "openai/gpt-4.1";
    public static final double DEFAULT_USD_PER_KWH = 0.17;
    public static final double DEFAULT_YEARS = 3;

    /**
     * The Costs page's saved choices as ledger settings, each falling back to the defaults above; {@code api}
     * is the catalog entry of the chosen model (the caller resolves it, an explicit choice winning).
     */
    public static Settings settingsFrom(java.util.Optional<dev.breakeven.core.cost.CostChoices> choices, ApiPrice api,
                                        ZoneId zone) {
        double kwh = choices.flatMap(c -> boxed(c.usdPerKwh())).orElse(DEFAULT_USD_PER_KWH);
        double hardware = choices.map(dev.breakeven.core.cost.CostChoices::netHardwareUsd).orElse(0.0);
        double years = choices.flatMap(c -> boxed(c.amortisationYears())).orElse(DEFAULT_YEARS);
        return new Settings(api, kwh, hardware, years, zone);
    }

    private static java.util.Optional<Double> boxed(java.util.OptionalDouble value) {
        return value.isPresent() ? java.util.Optional.of(value.getAsDouble()) : java.util.Optional.empty();
    }

    /** Days and months in calendar order, the total, the first answer's date (ISO, null without answers) and the hardware written off since it. */
    public record Report(List<LedgerPeriod> days, List<LedgerPeriod> months, LedgerPeriod total, String since,
                         String api, double usdPerKwh, double hardwareAmortisedUsd) {
        public Report {
            days = List.copyOf(days);
            months = List.copyOf(months);
        }
    }

    public static Report of(List<Conversation> conversations, Settings settings, Instant now) {
        Map<String, LedgerPeriod> days = new TreeMap<>();
        Map<String, LedgerPeriod> months = new TreeMap<>();
        LedgerPeriod total = empty("total");
        LocalDate since = null;
        for (Conversation conversation : conversations) {
            for (StoredMessage message : conversation.messages()) {
                if (message.role() != Role.ASSISTANT || message.metrics() == null) {
                    continue;
                }
                LocalDate day = Instant.ofEpochMilli(message.atEpochMillis()).atZone(settings.zone()).toLocalDate();
                LedgerPeriod one = entry(message.metrics(), settings);
                days.merge(day.toString(), withPeriod(one, day.toString()), LedgerPeriod::plus);
                String month = YearMonth.from(day).toString();
                months.merge(month, withPeriod(one, month), LedgerPeriod::plus);
                total = total.plus(one);
                since = since == null || day.isBefore(since) ? day : since;
            }
        }
        double amortised = 0;
        if (since != null && settings.hardwareUsd() > 0) {
            long daysOwned = ChronoUnit.DAYS.between(since, now.atZone(settings.zone()).toLocalDate()) + 1;
            amortised = Math.min(settings.hardwareUsd(),
                    settings.hardwareUsd() * daysOwned / (settings.amortisationYears() * 365.0));
        }
        return new Report(new ArrayList<>(days.values()), new ArrayList<>(months.values()), total,
                since == null ? null : since.toString(),
                settings.api().name(), settings.usdPerKwh(), amortised);
    }

    private static LedgerPeriod entry(AnswerMetrics m, Settings s) {
        boolean hasEnergy = m.joules() != null && m.joules() > 0;
        double joules = hasEnergy ? m.joules() : 0;
        double api = (m.promptTokens() * s.api().inputUsdPerMtok() + m.genTokens() * s.api().outputUsdPerMtok()) / 1e6;
        return new LedgerPeriod("", 1, m.promptTokens(), m.genTokens(), joules, joules / 3_600_000.0 * s.usdPerKwh(),
                api, hasEnergy ? 0 : 1);
    }

    private static LedgerPeriod withPeriod(LedgerPeriod p, String period) {
        return new LedgerPeriod(period, p.answers(), p.tokensIn(), p.tokensOut(), p.joules(), p.electricityUsd(),
                p.apiUsd(), p.answersWithoutEnergy());
    }

    private static LedgerPeriod empty(String period) {
        return new LedgerPeriod(period, 0, 0, 0, 0, 0, 0, 0);
    }
}
