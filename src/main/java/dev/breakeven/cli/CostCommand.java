package dev.breakeven.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.breakeven.core.cost.CostBands;
import dev.breakeven.core.cost.PlannedThroughput;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.PlanRequest;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.QuantCatalog;
import picocli.CommandLine.ParameterException;
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
    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1",
            description = "users served at once (llama-server -np N): capacity and rigs use the planner's aggregate "
                    + "decode of N streams of --model/--quant on --gpu")
    int concurrency;
    @Option(names = "--model", paramLabel = "CATALOG_ID", description = "model the rig serves, for the planner's speed")
    String model;
    @Option(names = "--quant", paramLabel = "QUANT", description = "its quantization, e.g. Q4_K_M")
    String quant;
    @Option(names = "--gpu", paramLabel = "NAME", description = "the rig's card from the GPU catalog")
    String gpu;

    /** The --json shape scripts rely on; null payback/break-even mean "never", null capacity "unknown". */
    record Output(double apiMonthlyUsd, double localMonthlyUsd, double localEnergyMonthlyUsd, Double paybackMonths,
                  Double breakEvenTokensPerMonth, Double localUsdPerMtok, Double apiUsdPerMtok,
                  Double capacityTokensPerDay, Integer rigsNeeded, double hybridMonthlyUsd, double apiShare,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Served served) {
    }

    /** The planner's throughput behind the capacity: {@code concurrency} streams of a model on a card. */
    record Served(String model, String gpu, int concurrency, double aggregateTokPerSec, double perStreamTokPerSec,
                  int maxStreams, boolean fitsOnGpu) {
    }

    private Served served(RangeInputs inputs) {
        boolean planner = model != null || quant != null || gpu != null;
        if (concurrency < 1 || concurrency > PlanRequest.MAX_PARALLEL) {
            throw new ParameterException(spec.commandLine(), "--concurrency must be between 1 and "
                    + PlanRequest.MAX_PARALLEL);
        }
        if (!planner) {
            if (concurrency > 1) {
                throw new ParameterException(spec.commandLine(), "--concurrency needs --model, --quant and --gpu: "
                        + "the planner works out what N streams decode together (or give that total as --tok-per-sec)");
            }
            return null;
        }
        if (model == null || quant == null || gpu == null) {
            throw new ParameterException(spec.commandLine(), "--model, --quant and --gpu go together");
        }
        if (workload.tokPerSec != null) {
            throw new ParameterException(spec.commandLine(), "give either --tok-per-sec or --model/--quant/--gpu");
        }
        var m = ModelCatalog.load().find(model).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "no model '" + model + "' in the catalog"));
        var q = QuantCatalog.load().find(quant).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "unknown quant '" + quant + "'"));
        var card = GpuCatalog.load().find(gpu).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "no GPU named '" + gpu + "' in the catalog"));
        var p = PlannedThroughput.predict(FitPlanner.standard(), card, m, q, concurrency).orElseThrow(() ->
                new ParameterException(spec.commandLine(), m.name() + " " + q.id() + " does not run on " + card.name()));
        return new Served(m.name() + " " + q.id(), card.name(), concurrency, round(p.tokPerSec()),
                round(p.perStreamTokPerSec()), p.maxStreams(), p.fitsOnGpu());
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    @Override
    public Integer call() throws ScenarioException {
        RangeInputs inputs = workload.requiredRangeInputs();
        if (apiShare != null) {
            inputs = CostWorkloadOptions.validated(inputs.with(API_SHARE, Range.of(apiShare)));
        }
        Served served = served(inputs);
        if (served != null) {
            inputs = CostWorkloadOptions.validated(inputs.with(TOK_PER_SEC, Range.of(served.aggregateTokPerSec())));
        }
        CostBands bands = RangeEvaluator.evaluate(inputs);
        CostResult r = bands.central();
        PointInputs mid = bands.centralInputs();
        Output out = new Output(r.apiMonthlyUsd(), r.localMonthlyUsd(), r.localEnergyMonthlyUsd(), r.paybackMonths(),
                r.breakEvenTokensPerMonth(), r.localUsdPerMtok(), r.apiUsdPerMtok(), r.capacityTokensPerDay(),
                r.rigsNeeded(), r.hybridMonthlyUsd(), mid.get(API_SHARE), served);
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
        if (o.served() != null) {
            Served s = o.served();
            w.printf(Locale.ROOT, "Throughput: %d streams of %s on %s: %.1f tok/s in total, %.1f per stream "
                            + "(planner; at most %d streams fit)%n", s.concurrency(), s.model(), s.gpu(),
                    s.aggregateTokPerSec(), s.perStreamTokPerSec(), s.maxStreams());
        }
        if (o.apiShare() > 0) {
            w.printf(Locale.ROOT, "Hybrid (%.0f%% to the API): $%,.2f/month%n", o.apiShare() * 100, o.hybridMonthlyUsd());
        }
    }

    private static String money(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "$%.3f", v);
    }
}
