package dev.breakeven.core.cost;

import java.util.ArrayList;
import java.util.List;

import static dev.breakeven.core.cost.CostInput.*;

/** Computes all chart data for a scenario in one pass; this is what the recompute benchmark times. */
public final class CostCharts {
    public static final int CUMULATIVE_MONTHS = 36;
    static final int VOLUME_POINTS = 61;
    static final int HYBRID_STEPS = 20;

    private CostCharts() {
    }

    public static ChartSet compute(RangeInputs inputs, List<ApiPrice> compareModels) {
        CostBands bands = RangeEvaluator.evaluate(inputs);
        PointInputs mid = bands.centralInputs();
        return new ChartSet(volume(mid, compareModels), cumulative(bands), hybrid(bands), Tornado.of(bands), bands);
    }

    static ChartSet.VolumeChart volume(PointInputs p, List<ApiPrice> models) {
        double v0 = CostModel.tokensPerMonth(p);
        double centre = v0 > 0 ? Math.floor(Math.log10(v0)) : 7;
        double from = Math.max(3, centre - 3);
        double to = centre + 3;
        double[] x = new double[VOLUME_POINTS];
        for (int i = 0; i < VOLUME_POINTS; i++) {
            x[i] = from + (to - from) * i / (VOLUME_POINTS - 1);
        }
        double[] local = new double[VOLUME_POINTS];
        for (int i = 0; i < VOLUME_POINTS; i++) {
            local[i] = localAtVolume(p, Math.pow(10, x[i]), v0);
        }
        List<ChartSet.Curve> curves = new ArrayList<>();
        List<ChartSet.Crossing> crossings = new ArrayList<>();
        List<ApiPrice> shown = models.isEmpty() ? List.of() : models;
        if (shown.isEmpty()) {
            curves.add(curve("This scenario's API", p, x));
        }
        for (ApiPrice model : shown) {
            curves.add(curve(model.name(), model.applyTo(p), x));
        }
        for (ChartSet.Curve c : curves) {
            crossings.addAll(crossings(c, x, local));
        }
        return new ChartSet.VolumeChart(x, curves, new ChartSet.Curve("Local", local), crossings, v0);
    }

    private static ChartSet.Curve curve(String name, PointInputs p, double[] x) {
        double perToken = apiPerToken(p);
        double[] usd = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            usd[i] = perToken * Math.pow(10, x[i]);
        }
        return new ChartSet.Curve(name, usd);
    }

    /** The workload's blend of input, cached input and output prices per token; all-output when there is no workload. */
    static double apiPerToken(PointInputs p) {
        Double blended = CostModel.blendedApiUsdPerMtok(p);
        return (blended != null ? blended : p.get(API_OUTPUT_PRICE)) / 1_000_000;
    }

    /**
     * Local monthly cost at another volume: the workload scaled by volume / current volume, so load hours (and power)
     * scale with it and rigs are added when one rig's daily capacity is exceeded.
     */
    static double localAtVolume(PointInputs p, double volume, double currentVolume) {
        double f = currentVolume > 0 ? volume / currentVolume : 0;
        Integer rigs = CostModel.rigsNeeded(p.get(OUTPUT_TOKENS_PER_DAY) * f, CostModel.capacityTokensPerDay(p));
        int n = rigs == null ? 1 : rigs;
        return n * (CostModel.capitalMonthlyPerRig(p) + CostModel.idleEnergyMonthlyUsd(p))
                + CostModel.loadEnergyMonthlyUsd(p, f);
    }

    static List<ChartSet.Crossing> crossings(ChartSet.Curve api, double[] x, double[] local) {
        List<ChartSet.Crossing> found = new ArrayList<>();
        for (int i = 1; i < x.length; i++) {
            double d0 = api.usd()[i - 1] - local[i - 1];
            double d1 = api.usd()[i] - local[i];
            if ((d0 < 0 && d1 >= 0) || (d0 > 0 && d1 <= 0)) {
                double t = d0 / (d0 - d1);
                double lx = x[i - 1] + t * (x[i] - x[i - 1]);
                double usd = api.usd()[i - 1] + t * (api.usd()[i] - api.usd()[i - 1]);
                found.add(new ChartSet.Crossing(api.name(), Math.pow(10, lx), usd));
            }
        }
        return found;
    }

    static ChartSet.CumulativeChart cumulative(CostBands bands) {
        double[][] central = cumulativeOf(bands.centralInputs());
        double[][] optimistic = cumulativeOf(bands.optimisticInputs());
        double[][] pessimistic = cumulativeOf(bands.pessimisticInputs());
        int n = CUMULATIVE_MONTHS + 1;
        double[] apiLow = new double[n], apiHigh = new double[n], localLow = new double[n], localHigh = new double[n];
        for (int m = 0; m < n; m++) {
            apiLow[m] = Math.min(central[0][m], Math.min(optimistic[0][m], pessimistic[0][m]));
            apiHigh[m] = Math.max(central[0][m], Math.max(optimistic[0][m], pessimistic[0][m]));
            localLow[m] = Math.min(central[1][m], Math.min(optimistic[1][m], pessimistic[1][m]));
            localHigh[m] = Math.max(central[1][m], Math.max(optimistic[1][m], pessimistic[1][m]));
        }
        return new ChartSet.CumulativeChart(CUMULATIVE_MONTHS, central[0], central[1], apiLow, apiHigh, localLow,
                localHigh, bands.band(CostMetric.PAYBACK_MONTHS));
    }

    /** Cash out by the end of each month: API bills, and local = upfront price + power bills (growth applied to both). */
    public static double[][] cumulativeOf(PointInputs p) {
        CostResult r = CostModel.evaluate(p);
        int rigs = r.rigsNeeded() == null ? 1 : r.rigsNeeded();
        double idle = rigs * CostModel.idleEnergyMonthlyUsd(p);
        double load = rigs * CostModel.loadEnergyMonthlyUsd(p, 1);
        double g = p.get(MONTHLY_GROWTH);
        int n = CUMULATIVE_MONTHS + 1;
        double[] api = new double[n];
        double[] local = new double[n];
        local[0] = r.upfrontUsd();
        double factor = 1;
        for (int m = 1; m < n; m++) {
            api[m] = api[m - 1] + r.apiMonthlyUsd() * factor;
            local[m] = local[m - 1] + idle + load * factor;
            factor *= 1 + g;
        }
        return new double[][] {api, local};
    }

    static ChartSet.HybridChart hybrid(CostBands bands) {
        int n = HYBRID_STEPS + 1;
        double[] shares = new double[n], central = new double[n], low = new double[n], high = new double[n];
        double best = 0;
        for (int i = 0; i < n; i++) {
            double s = (double) i / HYBRID_STEPS;
            shares[i] = s;
            central[i] = CostModel.hybridMonthly(bands.centralInputs(), s);
            double a = CostModel.hybridMonthly(bands.optimisticInputs(), s);
            double b = CostModel.hybridMonthly(bands.pessimisticInputs(), s);
            low[i] = Math.min(central[i], Math.min(a, b));
            high[i] = Math.max(central[i], Math.max(a, b));
            if (central[i] < central[(int) Math.round(best * HYBRID_STEPS)]) {
                best = s;
            }
        }
        return new ChartSet.HybridChart(shares, central, low, high, best);
    }
}
