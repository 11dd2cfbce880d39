package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.core.chat.store.ConversationStore;
import dev.breakeven.core.cost.ApiPrice;
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

/** {@code breakeven ledger [--api ID] [--usd-per-kwh X] [--hardware-usd N --years Y] [--json]}: what local has saved. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Sum your stored chat answers per day and month: tokens, energy, electricity, the same tokens on an API, and what local saved.")
public final class LedgerCommand implements Runnable {
    private final AppServices services;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--api", defaultValue = "openai/gpt-4.1", description = "API to price the same tokens at (catalog id; default ${DEFAULT-VALUE}).")
    String apiId;

    @Option(names = "--usd-per-kwh", defaultValue = "0.17", description = "Electricity price (default ${DEFAULT-VALUE}, the US average).")
    double usdPerKwh;

    @Option(names = "--hardware-usd", defaultValue = "0", description = "What the machine cost, for the amortisation beside the savings (default: already paid for).")
    double hardwareUsd;

    @Option(names = "--years", defaultValue = "3", description = "Years to write the hardware off over (default ${DEFAULT-VALUE}).")
    double years;

    @Option(names = "--json", description = "Print the ledger as JSON.")
    boolean json;

    LedgerCommand(AppServices services) {
        this.services = services;
    }

    @Override
    public void run() {
        PriceCatalog prices = PriceCatalog.userOrBundled(services.dirs().settings().resolve("api-prices.json"));
        ApiPrice api = prices.find(apiId).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "no API '" + apiId + "' in the price catalog (ids look like openai/gpt-4.1)"));
        Ledger.Settings settings;
        try {
            settings = new Ledger.Settings(api, usdPerKwh, hardwareUsd, years, ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ConversationStore.Listing listing = ConversationStore.under(services.dirs().data()).list();
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
