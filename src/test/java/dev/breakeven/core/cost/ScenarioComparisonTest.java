package dev.breakeven.core.cost;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The optional comparison section: old files load without it, new files keep it, bad ones say why. */
class ScenarioComparisonTest {
    private static final String OLD = """
            {"schemaVersion": 1, "name": "old",
             "workload": {"inputTokensPerDay": 1000000, "outputTokensPerDay": 500000},
             "rig": {"hardwareUsd": 1500, "wattsLoad": 400, "loadHoursPerDay": 8, "kwhUsd": 0.2},
             "api": {"modelId": "anthropic/claude-haiku-4-5"}}
            """;

    @Test
    void aFileWithoutComparisonStillLoads() throws ScenarioException {
        Scenario s = ScenarioIo.parse(OLD);
        assertNull(s.comparison());
        assertFalse(ScenarioIo.toJson(s).contains("comparison"));
    }

    @Test
    void comparisonSurvivesARoundTrip() throws ScenarioException {
        Scenario.Comparison c = new Scenario.Comparison(List.of(new Scenario.ComparedOption("2x rtx-3090", 1400.0),
                new Scenario.ComparedOption("rtx-5090", null)), "qwen3-32b", "Q4_K_M", 8192);
        Scenario s = ScenarioIo.parse(OLD).withComparison(c);
        Scenario back = ScenarioIo.parse(ScenarioIo.toJson(s));
        assertEquals(c, back.comparison());
        assertEquals(s.workload(), back.workload());
    }

    @Test
    void aBrokenComparisonIsAClearError() {
        String bad = OLD.strip().replaceFirst("}$", ", \"comparison\": {\"options\": [], \"modelId\": \"x\", "
                + "\"quant\": \"Q4_K_M\", \"contextLength\": 8192}}");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioIo.parse(bad));
        assertTrue(e.getMessage().contains("comparison"), e.getMessage());
        assertTrue(e.getMessage().contains("1 to 8 options"), e.getMessage());
    }
}
