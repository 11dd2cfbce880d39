package dev.breakeven.cli;

import dev.breakeven.core.cost.CostBands;
import dev.breakeven.core.cost.CostModel;
import dev.breakeven.core.cost.CostResult;
import dev.breakeven.core.cost.FieldProblem;
import dev.breakeven.core.cost.InputValidator;
import dev.breakeven.core.cost.PointInputs;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.RangeEvaluator;
import dev.breakeven.core.cost.RangeInputs;
import dev.breakeven.core.cost.Scenario;
import dev.breakeven.core.cost.ScenarioException;
import dev.breakeven.core.cost.ScenarioIo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static dev.breakeven.core.cost.CostInput.*;

/** {@code breakeven cost}: API against local monthly cost, payback and break-even, from options or a scenario file. */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = {"API cost against local cost: monthly cost each way, payback and break-even.",
                "Payback = hardware price / (API monthly - local electricity monthly); null when it never pays back.",
                "Days per month default to 30.4375 (365.25/12); the rig is amortised over 36 months unless told."})
final class CostCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--api-in", paramLabel = "USD_PER_MTOK", description = "API input price, $ per million tokens")
    Double apiIn;
    @Option(names = "--api-out", paramLabel = "USD_PER_MTOK", description = "API output price, $ per million tokens")
    Double apiOut;
    @Option(names = "--tokens-in-per-day", paramLabel = "N") Double tokensInPerDay;
    @Option(names = "--tokens-out-per-day", paramLabel = "N") Double tokensOutPerDay;
    @Option(names = "--hardware-usd", paramLabel = "USD", description = "price of the rig (GPU and any other parts)")
    Double hardwareUsd;
    @Option(names = "--watts", paramLabel = "W", description = "power drawn under load") Double watts;
    @Option(names = "--hours-per-day", paramLabel = "H", description = "hours per day under load") Double hoursPerDay;
    @Option(names = "--kwh-usd", paramLabel = "USD", description = "electricity price per kWh") Double kwhUsd;
    @Option(names = "--amortize-months", paramLabel = "M", description = "straight-line amortisation (default 36)")
    Double amortizeMonths;
    @Option(names = "--tok-per-sec", paramLabel = "T", description = "generation speed; gives capacity and rigs needed")
    Double tokPerSec;
    @Option(names = "--api-share", paramLabel = "FRACTION", description = "share of requests sent to the API (hybrid)")
    Double apiShare;
    @Option(names = "--scenario", paramLabel = "FILE", description = "a saved scenario instead of the options above")
    Path scenario;
    @Option(names = "--json", description = "print JSON") boolean json;

    /** The --json shape scripts rely on; null payback/break-even mean "never", null capacity "unknown". */
    record Output(double apiMonthlyUsd, double localMonthlyUsd, double localEnergyMonthlyUsd, Double paybackMonths,
                  Double breakEvenTokensPerMonth, Double localUsdPerMtok, Double apiUsdPerMtok,
                  Double capacityTokensPerDay, Integer rigsNeeded, double hybridMonthlyUsd, double apiShare) {
    }

    @Override
    public Integer call() throws ScenarioException {
        RangeInputs inputs = scenario != null ? fromScenario() : fromOptions();
        List<FieldProblem> problems = InputValidator.validate(inputs);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.stream().map(FieldProblem::toString)
                    .collect(Collectors.joining("; ")));
        }
        CostBands bands = RangeEvaluator.evaluate(inputs);
        CostResult r = bands.central();
        PointInputs mid = bands.centralInputs();
        Output out = new Output(r.apiMonthlyUsd(), r.localMonthlyUsd(), r.localEnergyMonthlyUsd(), r.paybackMonths(),
                r.breakEvenTokensPerMonth(), r.localUsdPerMtok(), r.apiUsdPerMtok(), r.capacityTokensPerDay(),
                r.rigsNeeded(), r.hybridMonthlyUsd(), mid.get(API_SHARE));
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(w, out);
        } else {
            printText(w, out);
        }
        return 0;
    }

    private RangeInputs fromScenario() throws ScenarioException {
        if (apiIn != null || apiOut != null || hardwareUsd != null || watts != null) {
            throw new IllegalArgumentException("--scenario takes no other cost options");
        }
        Scenario s = ScenarioIo.load(scenario);
        return s.toInputs(PriceCatalog.bundled());
    }

    private RangeInputs fromOptions() {
        String missing = List.of(
                        entry("--api-in", apiIn), entry("--api-out", apiOut),
                        entry("--tokens-in-per-day", tokensInPerDay), entry("--tokens-out-per-day", tokensOutPerDay),
                        entry("--hardware-usd", hardwareUsd), entry("--watts", watts),
                        entry("--hours-per-day", hoursPerDay), entry("--kwh-usd", kwhUsd))
                .stream().filter(e -> e.value() == null).map(Entry::name).collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing " + missing + " (or give --scenario FILE)");
        }
        PointInputs p = PointInputs.blank()
                .with(API_INPUT_PRICE, apiIn).with(API_OUTPUT_PRICE, apiOut).with(API_CACHED_PRICE, apiIn)
                .with(INPUT_TOKENS_PER_DAY, tokensInPerDay).with(OUTPUT_TOKENS_PER_DAY, tokensOutPerDay)
                .with(WORKING_DAYS, CostModel.CALENDAR_DAYS_PER_MONTH)
                .with(HARDWARE_USD, hardwareUsd)
                .with(AMORTIZE_MONTHS, amortizeMonths == null ? Scenario.DEFAULT_AMORTIZE_MONTHS : amortizeMonths)
                .with(WATTS_LOAD, watts).with(LOAD_HOURS, hoursPerDay).with(KWH_USD, kwhUsd)
                .with(TOK_PER_SEC, tokPerSec == null ? Double.NaN : tokPerSec)
                .with(API_SHARE, apiShare == null ? 0 : apiShare);
        return RangeInputs.points(p);
    }

    private record Entry(String name, Double value) {
    }

    private static Entry entry(String name, Double value) {
        return new Entry(name, value);
    }

    private static void printText(PrintWriter w, Output o) {
        w.printf(Locale.ROOT, "API:    $%,.2f/month (%s per M tokens)%n", o.apiMonthlyUsd(), money(o.apiUsdPerMtok()));
        w.printf(Locale.ROOT, "Local:  $%,.2f/month, of which electricity $%,.2f (%s per M tokens)%n",
                o.localMonthlyUsd(), o.localEnergyMonthlyUsd(), money(o.localUsdPerMtok()));
        w.printf(Locale.ROOT, "Payback: %s%n", o.paybackMonths() == null ? "never"
                : String.format(Locale.ROOT, "%.1f months", o.paybackMonths()));
        w.printf(Locale.ROOT, "Break-even volume: %s%n", o.breakEvenTokensPerMonth() == null ? "never"
                : String.format(Locale.ROOT, "%,.0f tokens/month", o.breakEvenTokensPerMonth()));
        w.printf(Locale.ROOT, "Capacity: %s; rigs needed: %s%n", o.capacityTokensPerDay() == null ? "unknown (no --tok-per-sec)"
                : String.format(Locale.ROOT, "%,.0f output tokens/day per rig", o.capacityTokensPerDay()),
                o.rigsNeeded() == null ? "none can serve it (0 load hours)" : o.rigsNeeded());
        if (o.apiShare() > 0) {
            w.printf(Locale.ROOT, "Hybrid (%.0f%% to the API): $%,.2f/month%n", o.apiShare() * 100, o.hybridMonthlyUsd());
        }
    }

    private static String money(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "$%.3f", v);
    }
}
