package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.core.chat.store.ConversationStore;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.CostChoices;
import dev.breakeven.core.cost.CostChoicesStore;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.ledger.Ledger;
import dev.breakeven.core.ledger.LedgerPeriod;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code breakeven ledger [--api ID] [--usd-per-kwh X] [--hardware-usd N --years Y] [--json]}: what local has saved.
 * What is not given comes from the Costs page's saved choices ({@link CostChoicesStore}), then the defaults.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Sum your stored chat answers per day and month: tokens, energy, electricity, the same tokens on an API, and what local saved.")
public final class LedgerCommand implements Runnable {
    private final AppServices services;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--api", description = "API to price the same tokens at (catalog id; default: the Costs page's model, else openai/gpt-4.1).")
    String apiId;

    @Option(names = "--usd-per-kwh", description = "Electricity price (default: the Costs page's, else 0.17, the US average).")
    Double usdPerKwh;

    @Option(names = "--hardware-usd", description = "What the machine cost, for the amortisation beside the savings (default: the Costs page's hardware + other parts − resale, else already paid for).")
    Double hardwareUsd;

    @Option(names = "--years", description = "Years to write the hardware off over (default: the Costs page's amortisation, else 3).")
    Double years;

    @Option(names = "--json", description = "Print the ledger as JSON.")
    boolean json;

    LedgerCommand(AppServices services) {
        this.services = services;
    }

    @Override
    public void run() {
        // the catalog and choices the Costs page keeps, so the ledger prices as that page does
        PriceCatalog prices = PriceCatalog.userOrBundled(services.dirs().data().resolve(PriceCatalog.USER_FILE));
        Optional<CostChoices> saved = new CostChoicesStore(services.dirs().data()).load();
        String id = apiId != null ? apiId : saved.map(CostChoices::apiModelId).filter(m -> prices.find(m).isPresent())
                .orElse(Ledger.DEFAULT_API);
        ApiPrice api = prices.find(id).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "no API '" + id + "' in the price catalog (ids look like openai/gpt-4.1)"));
        Ledger.Settings settings;
        try {
            Ledger.Settings fromCosts = Ledger.settingsFrom(saved, api, ZoneId.systemDefault());
            settings = new Ledger.Settings(api, usdPerKwh != null ? usdPerKwh : fromCosts.usdPerKwh(),
                    hardwareUsd != null ? hardwareUsd : fromCosts.hardwareUsd(),
                    years != null ? years : fromCosts.amortisationYears(), ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ConversationStore.Listing listing = services.conversations().list();
        Ledger.Report report = Ledger.of(listing.conversations(), settings, Instant.now());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, report);
        } else {
            print(out, report);
        }
        listing.notices().forEach(n -> spec.commandLine().getErr().println("note: " + n));
        out.flush();
    }

    private static void print(PrintWriter out, Ledger.Report r) {
        if (r.since() == null) {
            out.println("No stored answers yet: chat on the Chat page or with 'breakeven chat' and they are counted here.");
            return;
        }
        out.println("month     answers  tokens in  tokens out    energy  electricity   on API      saved");
        rows(out, r.months());
        out.println("day");
        rows(out, r.days());
        LedgerPeriod t = r.total();
        out.printf(Locale.ROOT, "Local has saved $%.4f since %s against %s (electricity at $%.2f/kWh)%n", t.savedUsd(),
                r.since(), r.api(), r.usdPerKwh());
        if (r.hardwareAmortisedUsd() > 0) {
            out.printf(Locale.ROOT, "Hardware written off since then: $%.2f — net %s$%.2f%n", r.hardwareAmortisedUsd(),
                    t.savedUsd() - r.hardwareAmortisedUsd() < 0 ? "-" : "", Math.abs(t.savedUsd() - r.hardwareAmortisedUsd()));
        }
        if (t.answersWithoutEnergy() > 0) {
            out.printf(Locale.ROOT, "%d answer(s) were stored without a power figure: their electricity is not counted.%n",
                    t.answersWithoutEnergy());
        }
    }

    private static void rows(PrintWriter out, List<LedgerPeriod> periods) {
        for (LedgerPeriod p : periods) {
            out.printf(Locale.ROOT, "%-10s %6d %10d %11d %7.3f Wh  $%9.5f  $%8.4f  $%8.4f%n", p.period(), p.answers(),
                    p.tokensIn(), p.tokensOut(), p.kilowattHours() * 1000, p.electricityUsd(), p.apiUsd(), p.savedUsd());
        }
    }
}
