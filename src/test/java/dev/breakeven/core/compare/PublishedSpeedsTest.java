package dev.breakeven.core.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Compare page's decode predictions against published measurements of the same card and model
 * (src/test/resources/dev/breakeven/compare/published-speeds.json, each with its source). The table it prints is
 * the one in docs/compare.md.
 */
class PublishedSpeedsTest {
    /** Worst relative error allowed for any pair; docs/compare.md states it. */
    static final double MAX_ERROR = 0.30;
    /** Mean relative error allowed over pairs the fit was not calibrated on. */
    static final double MAX_MEAN_OUT_OF_SAMPLE_ERROR = 0.12;

    record Row(String option, String model, String quant, double measured, double predicted, boolean inCalibration,
               String source) {
        double error() {
            return (predicted - measured) / measured;
        }
    }

    static List<Row> rows() throws Exception {
        GpuComparison engine = GpuComparison.standard();
        JsonNode file;
        try (InputStream in = PublishedSpeedsTest.class.getResourceAsStream("/dev/breakeven/compare/published-speeds.json")) {
            file = Json.mapper().readTree(in);
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode m : file.get("measurements")) {
            var option = OptionParser.parse(m.get("option").asText(), engine.gpus(), () -> {
                throw new AssertionError("no detection");
            });
            var model = engine.models().find(m.get("model").asText()).orElseThrow();
            var quant = engine.quants().find(m.get("quant").asText()).orElseThrow();
            var request = new CompareRequest(model, quant, m.get("contextTokens").asInt(), GpuComparisonTest.workload(), "x");
            // each published figure is judged against the model of the llama.cpp build that produced it
            GpuComparison atBuild = new GpuComparison(FitPlanner.forBuildDate(m.get("buildDate").asText()),
                    engine.models(), engine.quants(), engine.gpus(), CompareSettings.bundled());
            OptionResult r = atBuild.evaluateSpeed(option, request);
            rows.add(new Row(m.get("option").asText(), model.id(), quant.id(), m.get("tokPerSec").asDouble(),
                    r.decodeTokPerSec(), m.get("inCalibration").asBoolean(), m.get("source").asText()));
        }
        return rows;
    }

    @Test
    void predictionsStayWithinTheStatedBoundOfPublishedFigures() throws Exception {
        List<Row> rows = rows();
        assertTrue(rows.size() >= 10);
        StringBuilder table = new StringBuilder();
        double sum = 0;
        int outOfSample = 0;
        for (Row r : rows) {
            table.append(String.format(Locale.ROOT, "| %s | %s %s | %.1f | %.1f | %+.0f%% | %s |%n", r.option(), r.model(),
                    r.quant(), r.measured(), r.predicted(), r.error() * 100, r.inCalibration() ? "yes" : "no"));
            if (!r.inCalibration()) {
                sum += Math.abs(r.error());
                outOfSample++;
            }
        }
        System.out.print(table);
        for (Row r : rows) {
            assertTrue(Math.abs(r.error()) <= MAX_ERROR, () -> r + " off by " + r.error() + "\n" + table);
        }
        assertTrue(sum / outOfSample <= MAX_MEAN_OUT_OF_SAMPLE_ERROR, "mean out-of-sample error " + sum / outOfSample);
    }
}
