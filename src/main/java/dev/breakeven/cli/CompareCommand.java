package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.app.CatalogGpuReferences;
import dev.breakeven.core.compare.BestColumns;
import dev.breakeven.core.compare.CompareOption;
import dev.breakeven.core.compare.CompareRequest;
import dev.breakeven.core.compare.Comparison;
import dev.breakeven.core.compare.GpuComparison;
import dev.breakeven.core.compare.OptionParser;
import dev.breakeven.core.compare.OptionResult;
import dev.breakeven.core.compare.ScenarioComparisons;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.ApiTier;
import dev.breakeven.core.cost.CostModel;
import dev.breakeven.core.cost.PointInputs;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.Scenario;
import dev.breakeven.core.cost.ScenarioException;
import dev.breakeven.core.cost.ScenarioIo;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.OverridesStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import static dev.breakeven.core.cost.CostInput.*;

/** {@code breakeven compare}: GPU options side by side for one model, workload and API. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare GPUs (or N× a card, or this machine) for one model: fit, speed, power, cost, payback.",
                "Multi-GPU is llama.cpp's layer split: VRAM adds up, a token still runs at one card's bandwidth."})
final class CompareCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--gpu", paramLabel = "NAME",
            description = "a catalog GPU (name or id), \"2x RTX 3090\", or \"this\"; give 1 to 8 times")
    List<String> gpus = new ArrayList<>();
    @Option(names = "--price", paramLabel = "USD",
            description = "price of each --gpu option in order (new or used); default: launch price × count, 0 for this")
    List<Double> prices = new ArrayList<>();
    @Option(names = "--model", paramLabel = "CATALOG_ID") String model;
    @Option(names = "--quant", defaultValue = "Q4_K_M", paramLabel = "QUANT") String quant;
    @Option(names = "--ctx", defaultValue = "8192", paramLabel = "N") int ctx;
    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1",
            description = "users served at once (llama-server -np N): each option shows what they decode together, "
                    + "and capacity, energy per token and rigs follow it (default: ${DEFAULT-VALUE})")
    int concurrency;
    @Option(names = "--scenario", paramLabel = "FILE",
            description = "a saved scenario: its workload and API; its comparison too when no --gpu is given")
    Path scenario;
    @Option(names = "--api-model", paramLabel = "ID", description = "API from the price catalog, e.g. anthropic/claude-haiku-4-5")
    String apiModel;
    @Option(names = "--api-in", paramLabel = "USD_PER_MTOK") Double apiIn;
    @Option(names = "--api-out", paramLabel = "USD_PER_MTOK") Double apiOut;
    @Option(names = "--tokens-in-per-day", paramLabel = "N") Double tokensInPerDay;
    @Option(names = "--tokens-out-per-day", paramLabel = "N") Double tokensOutPerDay;
    @Option(names = "--hours-per-day", defaultValue = "8", paramLabel = "H") double hoursPerDay;
    @Option(names = "--kwh-usd", defaultValue = "0.17", paramLabel = "USD") double kwhUsd;
    @Option(names = "--amortize-months", paramLabel = "M") Double amortizeMonths;
    @Option(names = "--json", description = "print a JSON array, one object per option") boolean json;

    private final Supplier<HardwareProfile> detected;

    CompareCommand(AppServices services) {
        this(() -> CatalogGpuReferences.detector()
                .detect(new OverridesStore(services.dirs().settings()).load().overrides()));
    }

    CompareCommand(Supplier<HardwareProfile> detected) {
        this.detected = detected;
    }

    /** The --json shape, one per option; nulls are unknown (or, for payback, never). */
    record Output(String option, int cards, double vramGiB, double bandwidthGBps, Double tdpWatts, Double priceUsd,
                  String largestFullModel, String model, String quant, int contextLength, String fit, double needGiB,
                  double decodeTokPerSec, double prefillTokPerSec, Double watts, Double kwhPerMtok,
                  Double localUsdPerMtok, Double paybackMonths, Integer rigsNeeded, String api, List<String> bestIn,
                  String verdict, int users, double servedTokPerSec) {
    }

    @Override
    public void run() {
        GpuComparison engine = GpuComparison.standard();
        Comparison cmp = scenario != null ? fromScenario(engine) : fromOptions(engine);
        List<Output> out = new ArrayList<>();
        for (int i = 0; i < cmp.options().size(); i++) {
            out.add(output(cmp, i));
        }
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(w, out);
        } else {
            out.forEach(o -> printText(w, o));
        }
        w.flush();
    }

    private Comparison fromScenario(GpuComparison engine) {
        if (tokensInPerDay != null || tokensOutPerDay != null || apiModel != null || apiIn != null || apiOut != null) {
            throw new ParameterException(spec.commandLine(), "--scenario brings its own workload and API");
        }
        Scenario s;
        try {
            s = ScenarioIo.load(scenario);
        } catch (ScenarioException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PriceCatalog catalog = PriceCatalog.bundled();
        if (gpus.isEmpty()) {
            if (s.comparison() == null) {
                throw new ParameterException(spec.commandLine(), "the scenario has no comparison: give --gpu options");
            }
            return ScenarioComparisons.evaluate(s, catalog, engine, detected);
        }
        String apiName = s.api() == null || s.api().modelId() == null ? "the API"
                : catalog.find(s.api().modelId()).map(ApiPrice::name).orElse(s.api().modelId());
        return compare(engine, s.toInputs(catalog).mid(), apiName);
    }

    private Comparison fromOptions(GpuComparison engine) {
        if (tokensInPerDay == null || tokensOutPerDay == null) {
            throw new ParameterException(spec.commandLine(), "give --tokens-in-per-day and --tokens-out-per-day (or --scenario FILE)");
        }
        Api api = api();
        PointInputs inputs = PointInputs.blank()
                .with(INPUT_TOKENS_PER_DAY, nonNegative(tokensInPerDay, "--tokens-in-per-day"))
                .with(OUTPUT_TOKENS_PER_DAY, nonNegative(tokensOutPerDay, "--tokens-out-per-day"))
                .with(WORKING_DAYS, CostModel.CALENDAR_DAYS_PER_MONTH)
                .with(AMORTIZE_MONTHS, amortizeMonths == null ? Scenario.DEFAULT_AMORTIZE_MONTHS
                        : positive(amortizeMonths, "--amortize-months"))
                .with(LOAD_HOURS, Math.min(24, nonNegative(hoursPerDay, "--hours-per-day")))
                .with(KWH_USD, nonNegative(kwhUsd, "--kwh-usd"));
        return compare(engine, api.price().applyTo(inputs), api.name());
    }

    private Comparison compare(GpuComparison engine, PointInputs inputs, String apiName) {
        if (gpus.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give at least one --gpu");
        }
        if (model == null) {
            throw new ParameterException(spec.commandLine(), "give --model CATALOG_ID, e.g. qwen3-32b");
        }
        if (gpus.size() > 8) {
            throw new ParameterException(spec.commandLine(), "at most 8 --gpu options");
        }
        if (prices.size() > gpus.size()) {
            throw new ParameterException(spec.commandLine(), "more --price values than --gpu options");
        }
        if (ctx < 1) {
            throw new ParameterException(spec.commandLine(), "--ctx must be a positive number of tokens");
        }
        var catalogModel = engine.models().find(model).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "no model '" + model + "' in the catalog (see models.json)"));
        var catalogQuant = engine.quants().find(quant).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "no quant '" + quant + "' (try Q4_K_M, Q8_0)"));
        List<CompareOption> options = new ArrayList<>();
        for (int i = 0; i < gpus.size(); i++) {
            CompareOption o = OptionParser.parse(gpus.get(i), engine.gpus(), detected);
            if (i < prices.size()) {
                o = o.withPrice(prices.get(i));
            }
            options.add(o);
        }
        CompareRequest request;
        try {
            request = new CompareRequest(catalogModel, catalogQuant, ctx, inputs, apiName,
                    dev.breakeven.core.fit.FlashAttention.AUTO, concurrency);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--concurrency: " + e.getMessage());
        }
        return engine.compare(options, request);
    }

    private record Api(String name, ApiPrice price) {
    }

    private Api api() {
        if (apiModel != null) {
            if (apiIn != null || apiOut != null) {
                throw new ParameterException(spec.commandLine(), "use either --api-model or --api-in/--api-out");
            }
            ApiPrice p = PriceCatalog.bundled().find(apiModel).orElseThrow(() -> new ParameterException(
                    spec.commandLine(), "no API model '" + apiModel + "' in the price catalog"));
            return new Api(p.name(), p);
        }
        if (apiIn == null || apiOut == null) {
            throw new ParameterException(spec.commandLine(), "give --api-model ID or both --api-in and --api-out");
        }
        var p = new ApiPrice("custom", "the API", "", ApiTier.MID,
                nonNegative(apiIn, "--api-in"), nonNegative(apiOut, "--api-out"), null, 0,
                LocalDate.now().toString(), "command line");
        return new Api("the API", p);
    }

    private double positive(double v, String option) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ParameterException(spec.commandLine(), option + " must be a positive number");
        }
        return v;
    }

    private double nonNegative(double v, String option) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new ParameterException(spec.commandLine(), option + " must be a non-negative number");
        }
        return v;
    }

    private static Output output(Comparison cmp, int i) {
        OptionResult r = cmp.options().get(i);
        CompareRequest q = cmp.request();
        return new Output(r.label(), r.cards(), round(r.vramGiB(), 10), r.bandwidthGBps(), r.tdpWatts(), r.priceUsd(),
                r.largestModelId(), q.model().id(), q.quant().id(), q.contextLength(), r.fit().word(),
                round(r.needGiB(), 10), round(r.decodeTokPerSec(), 10), round(r.prefillTokPerSec(), 1), r.watts(),
                r.kwhPerMtok() == null ? null : round(r.kwhPerMtok(), 10_000),
                r.localUsdPerMtok() == null ? null : round(r.localUsdPerMtok(), 10_000),
                r.paybackMonths() == null ? null : round(r.paybackMonths(), 10), r.rigsNeeded(), q.apiName(),
                cmp.best().ledBy(i).stream().map(BestColumns.Column::name).map(s -> s.toLowerCase(Locale.ROOT)).toList(),
                r.verdict(), r.users(), round(r.servedTokPerSec(), 10));
    }

    private static double round(double v, double scale) {
        return Double.isFinite(v) ? Math.round(v * scale) / scale : 0;
    }

    private static void printText(PrintWriter w, Output o) {
        w.printf(Locale.ROOT, "%s: %.0f GB, %.0f GB/s, %s W, %s%n", o.option(), o.vramGiB(), o.bandwidthGBps(),
                o.tdpWatts() == null ? "?" : String.format(Locale.ROOT, "%.0f", o.tdpWatts()),
                o.priceUsd() == null ? "price unknown" : String.format(Locale.ROOT, "$%,.0f", o.priceUsd()));
        w.printf(Locale.ROOT, "  largest model fully on the GPU (Q4_K_M, 8k): %s%n",
                o.largestFullModel() == null ? "none" : o.largestFullModel());
        w.printf(Locale.ROOT, "  %s: decode %.1f tok/s, prefill %.0f tok/s; %s kWh and %s per M tokens%n", o.fit(),
                o.decodeTokPerSec(), o.prefillTokPerSec(), o.kwhPerMtok() == null ? "?" : o.kwhPerMtok().toString(),
                o.localUsdPerMtok() == null ? "?" : String.format(Locale.ROOT, "$%.3f", o.localUsdPerMtok()));
        if (o.users() > 1) {
            w.printf(Locale.ROOT, "  %d users at once: %.1f tok/s in all, %.1f each%n", o.users(), o.servedTokPerSec(),
                    o.servedTokPerSec() / o.users());
        }
        w.println("  " + o.verdict());
    }
}
