package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.PriceUpdate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code breakeven prices update}: refreshes the API price catalog from a maintained table. */
@Command(name = "prices", mixinStandardHelpOptions = true, description = "The API price catalog.",
        subcommands = PricesCommand.Update.class)
final class PricesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "update", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Fetch a maintained price table over HTTPS and update the catalog: changed prices get the "
                    + "new figures and today's date, your own edits are kept, and every change is listed.",
                    "Default table: genai-prices' data.json; --url takes it or LiteLLM's "
                    + "model_prices_and_context_window.json (told apart by shape)."})
    static final class Update implements Callable<Integer> {
        private final AppServices services;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--url", paramLabel = "URL", description = "the table to fetch (default: ${DEFAULT-VALUE})")
        URI url = PriceUpdate.GENAI_PRICES_URL;
        @Option(names = "--litellm", description = "fetch LiteLLM's table instead of genai-prices'") boolean litellm;
        @Option(names = "--add-new", description = "also add models the catalog does not have yet") boolean addNew;
        @Option(names = "--dry-run", description = "show what would change, save nothing") boolean dryRun;
        @Option(names = "--json", description = "print JSON") boolean json;

        Update(AppServices services) {
            this.services = services;
        }

        /** The --json shape. */
        record Output(String source, int tableModels, long changed, long confirmed, long keptYourEdits, long added,
                      String savedTo, List<ChangeOutput> changes) {
        }

        record ChangeOutput(String id, String kind, Prices before, Prices after, String checked, String source) {
        }

        record Prices(double inputUsdPerMtok, double outputUsdPerMtok, Double cachedInputUsdPerMtok) {
            static Prices of(ApiPrice p) {
                return p == null ? null : new Prices(p.inputUsdPerMtok(), p.outputUsdPerMtok(), p.cachedInputUsdPerMtok());
            }
        }

        @Override
        public Integer call() throws IOException {
            URI from = litellm && url.equals(PriceUpdate.GENAI_PRICES_URL) ? PriceUpdate.LITELLM_URL : url;
            Path file = services.dirs().data().resolve(PriceCatalog.USER_FILE);
            PriceCatalog current = PriceCatalog.userOrBundled(file);
            byte[] table = PriceUpdate.fetch(from, Duration.ofSeconds(30));
            PriceUpdate.Result r = PriceUpdate.apply(current, table, from, LocalDate.now(), addNew);
            boolean save = !dryRun && r.changes().stream().anyMatch(c -> c.kind() != PriceUpdate.Kind.KEPT_YOUR_EDIT);
            if (save) {
                r.catalog().save(file);
            }
            List<ChangeOutput> changes = r.changes().stream().map(c -> new ChangeOutput(c.id(), c.kind().name(),
                    Prices.of(c.before()), Prices.of(c.after()), c.after().checked(), c.after().source())).toList();
            Output out = new Output(r.source(), r.tableModels(), r.count(PriceUpdate.Kind.CHANGED),
                    r.count(PriceUpdate.Kind.CONFIRMED), r.count(PriceUpdate.Kind.KEPT_YOUR_EDIT),
                    r.count(PriceUpdate.Kind.ADDED), save ? file.toString() : null, changes);
            PrintWriter w = spec.commandLine().getOut();
            if (json) {
                JsonOutput.print(w, out);
                return 0;
            }
            for (PriceUpdate.Change c : r.changes()) {
                if (c.kind() == PriceUpdate.Kind.CONFIRMED) {
                    continue;
                }
                w.printf(Locale.ROOT, "%-15s %-42s %s%n", label(c.kind()), c.id(), describe(c));
            }
            w.printf(Locale.ROOT, "%nFrom %s (%d models): %d changed, %d confirmed and re-dated, %d of your edits kept, "
                            + "%d added.%n", r.source(), r.tableModels(), out.changed(), out.confirmed(), out.keptYourEdits(),
                    out.added());
            w.println(save ? "Saved to " + file : dryRun ? "Dry run: nothing saved." : "Nothing to save.");
            return 0;
        }

        private static String label(PriceUpdate.Kind kind) {
            return switch (kind) {
                case CHANGED -> "changed";
                case CONFIRMED -> "confirmed";
                case KEPT_YOUR_EDIT -> "kept your edit";
                case ADDED -> "added";
            };
        }

        private static String describe(PriceUpdate.Change c) {
            ApiPrice a = c.after();
            if (c.before() == null) {
                return String.format(Locale.ROOT, "in $%s, out $%s /M", n(a.inputUsdPerMtok()), n(a.outputUsdPerMtok()));
            }
            ApiPrice b = c.before();
            return String.format(Locale.ROOT, "in $%s → $%s, out $%s → $%s /M%s", n(b.inputUsdPerMtok()),
                    n(a.inputUsdPerMtok()), n(b.outputUsdPerMtok()), n(a.outputUsdPerMtok()),
                    c.kind() == PriceUpdate.Kind.KEPT_YOUR_EDIT ? " (table; yours kept)" : " (dated " + a.checked() + ")");
        }

        private static String n(double v) {
            return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
        }
    }
}
