package dev.breakeven.core.cost;

import java.util.List;

/** The data behind the four chart panels; the UI only draws it. */
public record ChartSet(VolumeChart volume, CumulativeChart cumulative, HybridChart hybrid, List<Tornado.Bar> tornado,
                       CostBands bands) {

    /** Monthly cost against monthly token volume; x is log10(tokens per month). */
    public record VolumeChart(double[] log10Volume, List<Curve> apiCurves, Curve local, List<Crossing> crossings,
                              double currentVolume) {
    }

    public record Curve(String name, double[] usd) {
    }

    /** Where an API curve meets the local curve. */
    public record Crossing(String apiName, double tokensPerMonth, double usd) {
    }

    /** Cumulative cash spent by month, central and the band from the optimistic and pessimistic payback cases. */
    public record CumulativeChart(int months, double[] apiCentral, double[] localCentral, double[] apiLow,
                                  double[] apiHigh, double[] localLow, double[] localHigh, Band paybackMonths) {
    }

    /** Monthly cost against the share of requests sent to the API. */
    public record HybridChart(double[] shares, double[] central, double[] low, double[] high, double cheapestShare) {
    }
}
