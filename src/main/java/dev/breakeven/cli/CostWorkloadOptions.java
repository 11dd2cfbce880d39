package dev.breakeven.cli;

import dev.breakeven.core.cost.CostModel;
import dev.breakeven.core.cost.FieldProblem;
import dev.breakeven.core.cost.InputValidator;
import dev.breakeven.core.cost.PointInputs;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.RangeEvaluator;
import dev.breakeven.core.cost.RangeInputs;
import dev.breakeven.core.cost.Scenario;
import dev.breakeven.core.cost.ScenarioException;
import dev.breakeven.core.cost.ScenarioIo;
import dev.breakeven.core.cost.ScenarioPresets;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.breakeven.core.cost.CostInput.*;

/**
 * The workload and prices a command needs to put a dollar figure on something: a scenario file, a bundled preset,
 * or the same options as {@code breakeven cost}. A picocli mixin, so every command spells them the same way.
 */
final class CostWorkloadOptions {
    @Option(names = "--scenario", paramLabel = "FILE", description = "a saved cost scenario")
    Path scenario;
    @Option(names = "--preset", paramLabel = "ID", description = "a bundled cost scenario: ${COMPLETION-CANDIDATES}",
            completionCandidates = PresetIds.class)
    String preset;
    @Option(names = "--api-in", paramLabel = "USD_PER_MTOK", description = "API input price, $ per million tokens")
    Double apiIn;
    @Option(names = "--api-out", paramLabel = "USD_PER_MTOK", description = "API output price, $ per million tokens")
    Double apiOut;
    @Option(names = "--tokens-in-per-day", paramLabel = "N") Double tokensInPerDay;
    @Option(names = "--tokens-out-per-day", paramLabel = "N") Double tokensOutPerDay;
    @Option(names = "--hardware-usd", paramLabel = "USD", description = "price of the rig") Double hardwareUsd;
    @Option(names = "--watts", paramLabel = "W", description = "power drawn under load") Double watts;
    @Option(names = "--hours-per-day", paramLabel = "H", description = "hours per day under load") Double hoursPerDay;
    @Option(names = "--kwh-usd", paramLabel = "USD", description = "electricity price per kWh") Double kwhUsd;
    @Option(names = "--amortize-months", paramLabel = "M", description = "straight-line amortisation (default 36)")
    Double amortizeMonths;
    @Option(names = "--tok-per-sec", paramLabel = "T", description = "generation speed; gives rigs needed")
    Double tokPerSec;

    static final class PresetIds extends ArrayList<String> {
        PresetIds() {
            super(ScenarioPresets.IDS);
        }
    }

    /** The central point of the workload, or empty when no cost option was given at all. */
    Optional<PointInputs> workload() throws ScenarioException {
        Optional<RangeInputs> inputs = rangeInputs();
        if (inputs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RangeEvaluator.evaluate(validated(inputs.get())).centralInputs());
    }

    /** The inputs with their ranges, for a command that needs them: missing options are named in the error. */
    RangeInputs requiredRangeInputs() throws ScenarioException {
        Optional<RangeInputs> inputs = rangeInputs();
        return validated(inputs.isPresent() ? inputs.get() : fromOptions());
    }

    private Optional<RangeInputs> rangeInputs() throws ScenarioException {
        List<Double> numbers = java.util.Arrays.asList(apiIn, apiOut, tokensInPerDay, tokensOutPerDay, hardwareUsd,
                watts, hoursPerDay, kwhUsd, amortizeMonths, tokPerSec);
        boolean anyNumber = numbers.stream().anyMatch(v -> v != null);
        int sources = (scenario != null ? 1 : 0) + (preset != null ? 1 : 0) + (anyNumber ? 1 : 0);
        if (sources == 0) {
            return Optional.empty();
        }
        if (sources > 1) {
            throw new IllegalArgumentException("give one of --scenario, --preset or the cost options, not several");
        }
        if (scenario != null) {
            return Optional.of(ScenarioIo.load(scenario).toInputs(PriceCatalog.bundled()));
        }
        if (preset != null) {
            if (!ScenarioPresets.IDS.contains(preset)) {
                throw new IllegalArgumentException("no preset " + preset + "; choose one of " + ScenarioPresets.IDS);
            }
            return Optional.of(ScenarioPresets.load(preset).toInputs(PriceCatalog.bundled()));
        }
        return Optional.of(fromOptions());
    }

    static RangeInputs validated(RangeInputs inputs) {
        List<FieldProblem> problems = InputValidator.validate(inputs);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.stream().map(FieldProblem::toString)
                    .collect(Collectors.joining("; ")));
        }
        return inputs;
    }

    private RangeInputs fromOptions() {
        List<String> missing = new ArrayList<>();
        need(missing, "--api-in", apiIn);
        need(missing, "--api-out", apiOut);
        need(missing, "--tokens-in-per-day", tokensInPerDay);
        need(missing, "--tokens-out-per-day", tokensOutPerDay);
        need(missing, "--hardware-usd", hardwareUsd);
        need(missing, "--watts", watts);
        need(missing, "--hours-per-day", hoursPerDay);
        need(missing, "--kwh-usd", kwhUsd);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing " + String.join(", ", missing)
                    + " (or give --scenario FILE or --preset ID)");
        }
        PointInputs p = PointInputs.blank()
                .with(API_INPUT_PRICE, apiIn).with(API_OUTPUT_PRICE, apiOut).with(API_CACHED_PRICE, apiIn)
                .with(INPUT_TOKENS_PER_DAY, tokensInPerDay).with(OUTPUT_TOKENS_PER_DAY, tokensOutPerDay)
                .with(WORKING_DAYS, CostModel.CALENDAR_DAYS_PER_MONTH)
                .with(HARDWARE_USD, hardwareUsd)
                .with(AMORTIZE_MONTHS, amortizeMonths == null ? Scenario.DEFAULT_AMORTIZE_MONTHS : amortizeMonths)
                .with(WATTS_LOAD, watts).with(LOAD_HOURS, hoursPerDay).with(KWH_USD, kwhUsd)
                .with(TOK_PER_SEC, tokPerSec == null ? Double.NaN : tokPerSec);
        return RangeInputs.points(p);
    }

    private static void need(List<String> missing, String name, Double value) {
        if (value == null) {
            missing.add(name);
        }
    }
}
