package dev.breakeven.core.router;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionGuideTest {
    static final CapabilityGaps GAPS = CapabilityGaps.bundled();
    /** Local cheaper: $300 all local, $900 all API. */
    static final RoutingSimulation.MixCost LOCAL_CHEAPER = new RoutingSimulation.MixCost(0.25, 300, 900, 420);
    static final RoutingSimulation.MixCost API_CHEAPER = new RoutingSimulation.MixCost(0.25, 300, 200, 350);

    private static DecisionGuide.Answers answers(boolean priv, boolean offline, boolean hardest, boolean ctx) {
        return new DecisionGuide.Answers(priv, offline, DecisionGuide.Latency.INTERACTIVE, false, false, hardest, ctx, 0);
    }

    @Test
    void privateDataOrOfflineUseMeansLocalEvenWhenTheApiIsAheadAndSaysWhatItCosts() {
        DecisionGuide.Recommendation r = DecisionGuide.decide(answers(true, false, true, false), GAPS, API_CHEAPER);
        assertThat(r.verdict()).isEqualTo(DecisionGuide.Verdict.LOCAL);
        assertThat(r.reasons().getFirst()).contains("must not leave");
        assertThat(String.join("\n", r.reasons())).contains("expect weaker answers").contains("all API $200/month");
        assertThat(DecisionGuide.decide(answers(false, true, false, false), GAPS, API_CHEAPER).verdict())
                .isEqualTo(DecisionGuide.Verdict.LOCAL);
    }

    @Test
    void theHardestTasksGoHybridWhenLocalIsCheaperAndApiWhenItIsNot() {
        DecisionGuide.Recommendation hybrid = DecisionGuide.decide(answers(false, false, true, false), GAPS, LOCAL_CHEAPER);
        assertThat(hybrid.verdict()).isEqualTo(DecisionGuide.Verdict.HYBRID);
        assertThat(String.join("\n", hybrid.reasons())).contains("math and proof: API ahead").contains("checked 2026-12-07")
                .contains("mix at 25% to the API $420/month");
        assertThat(DecisionGuide.decide(answers(false, false, false, true), GAPS, API_CHEAPER).verdict())
                .isEqualTo(DecisionGuide.Verdict.API);
    }

    @Test
    void everydayTasksFollowTheCost() {
        assertThat(DecisionGuide.decide(answers(false, false, false, false), GAPS, LOCAL_CHEAPER).verdict())
                .isEqualTo(DecisionGuide.Verdict.LOCAL);
        assertThat(DecisionGuide.decide(answers(false, false, false, false), GAPS, API_CHEAPER).verdict())
                .isEqualTo(DecisionGuide.Verdict.API);
        // Speech-to-text is local-competitive in the table: it does not push to the API.
        var audio = new DecisionGuide.Answers(false, false, DecisionGuide.Latency.REAL_TIME, false, true, false, false, 5e6);
        DecisionGuide.Recommendation r = DecisionGuide.decide(audio, GAPS, LOCAL_CHEAPER);
        assertThat(r.verdict()).isEqualTo(DecisionGuide.Verdict.LOCAL);
        assertThat(String.join("\n", r.reasons())).contains("no network round trip").contains("5,000,000 tokens a day");
    }

    @Test
    void theTableIsDatedSourcedAndTheUsersCopyWins(@TempDir Path settings) throws Exception {
        assertThat(GAPS.gaps()).hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(g -> {
                    assertThat(g.source()).isNotBlank();
                    assertThat(g.checked()).matches("\\d{4}-\\d{2}-\\d{2}");
                });
        assertThat(CapabilityGaps.load(settings).note()).isEmpty();
        Files.writeString(settings.resolve(CapabilityGaps.FILE_NAME), "{\"checked\":\"2027-01-01\",\"basis\":\"mine\","
                + "\"gaps\":[{\"category\":\"math and proof\",\"verdict\":\"LOCAL_COMPETITIVE\",\"note\":\"our model is good\","
                + "\"source\":\"our eval\",\"checked\":\"2027-01-01\"}]}");
        CapabilityGaps.Loaded mine = CapabilityGaps.load(settings);
        assertThat(mine.note()).hasValueSatisfying(n -> assertThat(n).contains("Using your table"));
        assertThat(DecisionGuide.decide(answers(false, false, true, false), mine.gaps(), API_CHEAPER).verdict())
                .as("with maths local-competitive, cost decides").isEqualTo(DecisionGuide.Verdict.API);
        Files.writeString(settings.resolve(CapabilityGaps.FILE_NAME), "{broken");
        assertThat(CapabilityGaps.load(settings).note()).hasValueSatisfying(n -> assertThat(n).contains("bundled"));
    }
}
