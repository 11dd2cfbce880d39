package dev.breakeven.core.cost;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static dev.breakeven.core.cost.CostInput.*;

/**
 * Everything a cost comparison depends on, as saved in a scenario file. Any number may be a range.
 * Left-out optional fields take the defaults in {@link #DEFAULTS}, documented in docs/costs.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scenario(int schemaVersion, String name, String description, Workload workload, Rig rig, Api api,
                       Range apiShare, Comparison comparison) {
    public static final int CURRENT_SCHEMA = 1;
    /** Three years: the usual straight-line life of a GPU bought for work. */
    public static final double DEFAULT_AMORTIZE_MONTHS = 36;

    /** A scenario without a GPU comparison (the form before the comparison section existed). */
    public Scenario(int schemaVersion, String name, String description, Workload workload, Rig rig, Api api,
                    Range apiShare) {
        this(schemaVersion, name, description, workload, rig, api, apiShare, null);
    }

    /** Used when a scenario leaves an optional input out. */
    public static final Map<CostInput, Range> DEFAULTS = Map.of(
            CACHED_SHARE, Range.of(0),
            WORKING_DAYS, Range.of(CostModel.CALENDAR_DAYS_PER_MONTH),
            MONTHLY_GROWTH, Range.of(0),
            OTHER_PARTS_USD, Range.of(0),
            AMORTIZE_MONTHS, Range.of(DEFAULT_AMORTIZE_MONTHS),
            RESALE_USD, Range.of(0),
            WATTS_IDLE, Range.of(0),
            API_SHARE, Range.of(0));

    /**
     * The workload: either requests per day × tokens per request, or tokens per day directly
     * (per-day figures win when both are given).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Workload(Range requestsPerDay, Range inputTokensPerRequest, Range outputTokensPerRequest,
                           Range inputTokensPerDay, Range outputTokensPerDay, Range cachedInputShare,
                           Range workingDaysPerMonth, Range monthlyGrowth) {
        public static Workload perDay(Range in, Range out) {
            return new Workload(null, null, null, in, out, null, null, null);
        }

        Range resolvedInputPerDay() {
            return inputTokensPerDay != null ? inputTokensPerDay : product(requestsPerDay, inputTokensPerRequest);
        }

        Range resolvedOutputPerDay() {
            return outputTokensPerDay != null ? outputTokensPerDay : product(requestsPerDay, outputTokensPerRequest);
        }

        private static Range product(Range a, Range b) {
            return a == null || b == null ? null : a.times(b);
        }
    }

    /**
     * The local machine: what it costs, what it draws, how long it works and how fast. {@code served}, optional: the
     * throughput came from the fit planner for these users at once (files without it load as before).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rig(String label, Range hardwareUsd, Range otherPartsUsd, Range amortizeMonths, Range resaleUsd,
                      Range wattsLoad, Range wattsIdle, Range loadHoursPerDay, Range kwhUsd, String electricityRegion,
                      Range tokPerSec, Served served) {
        public Rig(String label, Range hardwareUsd, Range otherPartsUsd, Range amortizeMonths, Range resaleUsd,
                   Range wattsLoad, Range wattsIdle, Range loadHoursPerDay, Range kwhUsd, String electricityRegion,
                   Range tokPerSec) {
            this(label, hardwareUsd, otherPartsUsd, amortizeMonths, resaleUsd, wattsLoad, wattsIdle, loadHoursPerDay,
                    kwhUsd, electricityRegion, tokPerSec, null);
        }
    }

    /**
     * What the rig serves, when its throughput is the planner's: {@code concurrency} users at once (llama-server
     * {@code -np}) of a catalog model and quantization on a catalog card; {@code tokPerSec} is then their aggregate.
     */
    public record Served(String modelId, String quant, String gpu, int concurrency) {
        /** The most users at once a scenario may name: the planner's slot limit. */
        public static final int MAX_CONCURRENCY = dev.breakeven.core.fit.PlanRequest.MAX_PARALLEL;

        public Served {
            if (modelId == null || modelId.isBlank() || quant == null || quant.isBlank() || gpu == null
                    || gpu.isBlank()) {
                throw new IllegalArgumentException("a served model names a catalog model, a quant and a card");
            }
            if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
                throw new IllegalArgumentException("users at once must be between 1 and " + MAX_CONCURRENCY
                        + ", got " + concurrency);
            }
        }
    }

    /**
     * The API to compare against: a catalog model id and/or explicit prices (explicit prices win),
     * plus the models drawn beside it on the volume chart.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Api(String modelId, Range inputUsdPerMtok, Range outputUsdPerMtok, Range cachedInputUsdPerMtok,
                      List<String> compareModelIds) {
    }

    /**
     * The GPU options a buyer compared (the Compare page), optional: files without it load as before.
     * Kept as plain data here; core.compare turns it back into options and figures.
     *
     * @param options       each as the Compare CLI reads it ("rtx-3090", "2x rtx-3090", "this") with an optional price
     * @param modelId       catalog model compared
     * @param quant         its quantization, e.g. Q4_K_M
     * @param contextLength context in tokens
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Comparison(List<ComparedOption> options, String modelId, String quant, int contextLength) {
        public Comparison {
            if (options == null || options.isEmpty() || options.size() > 8) {
                throw new IllegalArgumentException("a comparison lists 1 to 8 options");
            }
            if (modelId == null || modelId.isBlank() || quant == null || quant.isBlank()) {
                throw new IllegalArgumentException("a comparison names a model and a quant");
            }
            if (contextLength < 1) {
                throw new IllegalArgumentException("comparison context must be at least 1 token");
            }
            options = List.copyOf(options);
        }
    }

    /** One compared option; a null price means the default (launch price, or 0 for this machine). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ComparedOption(String option, Double priceUsd) {
        public ComparedOption {
            if (option == null || option.isBlank()) {
                throw new IllegalArgumentException("a compared option needs a name");
            }
            if (priceUsd != null && !(priceUsd >= 0)) {
                throw new IllegalArgumentException("a compared option's price cannot be negative");
            }
        }
    }

    /** This scenario with the rig's planner choice set (null: the throughput was typed). */
    public Scenario withServed(Served served) {
        Rig r = rig == null ? new Rig(null, null, null, null, null, null, null, null, null, null, null, served)
                : new Rig(rig.label(), rig.hardwareUsd(), rig.otherPartsUsd(), rig.amortizeMonths(), rig.resaleUsd(),
                rig.wattsLoad(), rig.wattsIdle(), rig.loadHoursPerDay(), rig.kwhUsd(), rig.electricityRegion(),
                rig.tokPerSec(), served);
        return new Scenario(schemaVersion, name, description, workload, r, api, apiShare, comparison);
    }

    public Scenario withComparison(Comparison c) {
        return new Scenario(schemaVersion, name, description, workload, rig, api, apiShare, c);
    }

    /** The model inputs this scenario describes, with catalog prices filling in what the file leaves out. */
    public RangeInputs toInputs(PriceCatalog catalog) {
        Map<CostInput, Range> m = new EnumMap<>(DEFAULTS);
        Workload w = workload == null ? new Workload(null, null, null, null, null, null, null, null) : workload;
        put(m, INPUT_TOKENS_PER_DAY, w.resolvedInputPerDay());
        put(m, OUTPUT_TOKENS_PER_DAY, w.resolvedOutputPerDay());
        put(m, CACHED_SHARE, w.cachedInputShare());
        put(m, WORKING_DAYS, w.workingDaysPerMonth());
        put(m, MONTHLY_GROWTH, w.monthlyGrowth());
        if (rig != null) {
            put(m, HARDWARE_USD, rig.hardwareUsd());
            put(m, OTHER_PARTS_USD, rig.otherPartsUsd());
            put(m, AMORTIZE_MONTHS, rig.amortizeMonths());
            put(m, RESALE_USD, rig.resaleUsd());
            put(m, WATTS_LOAD, rig.wattsLoad());
            put(m, WATTS_IDLE, rig.wattsIdle());
            put(m, LOAD_HOURS, rig.loadHoursPerDay());
            put(m, KWH_USD, rig.kwhUsd());
            put(m, TOK_PER_SEC, rig.tokPerSec());
        }
        if (api != null) {
            ApiPrice listed = api.modelId() == null || catalog == null ? null : catalog.find(api.modelId()).orElse(null);
            if (listed != null) {
                m.put(API_INPUT_PRICE, Range.of(listed.inputUsdPerMtok()));
                m.put(API_OUTPUT_PRICE, Range.of(listed.outputUsdPerMtok()));
                m.put(API_CACHED_PRICE, Range.of(listed.effectiveCachedUsdPerMtok()));
            }
            put(m, API_INPUT_PRICE, api.inputUsdPerMtok());
            put(m, API_OUTPUT_PRICE, api.outputUsdPerMtok());
            put(m, API_CACHED_PRICE, api.cachedInputUsdPerMtok());
            if (!m.containsKey(API_CACHED_PRICE) && m.containsKey(API_INPUT_PRICE)) {
                m.put(API_CACHED_PRICE, m.get(API_INPUT_PRICE));
            }
        }
        put(m, API_SHARE, apiShare);
        return RangeInputs.of(m);
    }

    /** A scenario holding exactly these inputs (tokens per day, explicit prices). */
    public static Scenario fromInputs(String name, String description, RangeInputs in, String modelId,
                                      List<String> compareIds, String rigLabel, String region) {
        Workload w = new Workload(null, null, null, in.get(INPUT_TOKENS_PER_DAY), in.get(OUTPUT_TOKENS_PER_DAY),
                in.get(CACHED_SHARE), in.get(WORKING_DAYS), in.get(MONTHLY_GROWTH));
        Rig r = new Rig(rigLabel, in.get(HARDWARE_USD), in.get(OTHER_PARTS_USD), in.get(AMORTIZE_MONTHS),
                in.get(RESALE_USD), in.get(WATTS_LOAD), in.get(WATTS_IDLE), in.get(LOAD_HOURS), in.get(KWH_USD),
                region, in.get(TOK_PER_SEC));
        Api a = new Api(modelId, in.get(API_INPUT_PRICE), in.get(API_OUTPUT_PRICE), in.get(API_CACHED_PRICE),
                compareIds == null ? List.of() : List.copyOf(compareIds));
        return new Scenario(CURRENT_SCHEMA, name, description, w, r, a, in.get(API_SHARE));
    }

    private static void put(Map<CostInput, Range> m, CostInput key, Range value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
