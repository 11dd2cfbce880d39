package dev.breakeven.cli;

import dev.breakeven.core.cost.CostBands;
import dev.breakeven.core.cost.CostResult;
import dev.breakeven.core.cost.PointInputs;
import dev.breakeven.core.cost.RangeEvaluator;
import dev.breakeven.core.cost.Range;
import dev.breakeven.core.cost.RangeInputs;
import dev.breakeven.core.cost.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import static dev.breakeven.core.cost.CostInput.*;

/** {@code breakeven cost}: API against local monthly cost, payback and break-even, from options or a scenario file. */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = {"API cost against local cost: monthly cost each way, payback and break-even.",
                "Payback = hardware price / (API monthly - local electricity monthly); null when it never pays back.",
                "Days per month default to 30.4375 (365.25/12); the rig is amortised over 36 months unless told."})
final class CostCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CostWorkloadOptions workload;
    @Option(names = "--api-share", paramLabel = "FRACTION", description = "share of requests sent to the API (hybrid)")
    Double apiShare;
    @Option(names = "--json", description = "print JSON") boolean json;

    /** The --json shape scripts rely on; null payback/break-even mean "never", null capacity "unknown". */
    record Output(double apiMonthlyUsd, double localMonthlyUsd, double localEnergyMonthlyUsd, Double paybackMonths,
                  Double breakEvenTokensPerMonth, Double localUsdPerMtok, Double apiUsdPerMtok,
                  Double capacityTokensPerDay, Integer rigsNeeded, double hybridMonthlyUsd, double apiShare) {
    }

    @Override
    public Integer call() throws ScenarioException {
        RangeInputs inputs = workload.requiredRangeInputs();
        if (apiShare != null) {
            inputs = CostWorkloadOptions.validated(inputs.with(API_SHARE, Range.of(apiShare)));
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
