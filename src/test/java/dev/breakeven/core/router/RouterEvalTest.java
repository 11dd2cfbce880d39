package dev.breakeven.core.router;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RouterEvalTest {
    private static LabelledSet.Item item(String prompt, boolean frontier, Integer tokens) {
        return new LabelledSet.Item(prompt, "test", frontier ? "frontier" : "local", prompt, tokens, null, "because");
    }

    @Test
    void precisionRecallAndShareOnAHandCheckedSet() {
        // prove → API (needs it: TP); refactor → API (does not: FP); hi → local (fine: TN);
        // a 3,000-token prompt → API under a 2,000 limit (needs it: TP); "what is 17*23" → local (needs it: FN).
        List<LabelledSet.Item> items = List.of(item("prove it", true, null), item("refactor this", false, null),
                item("hi", false, null), item("summarise", true, 3000), item("what is 17*23", true, null));
        RouterEval.Point p = RouterEval.evaluate(RoutingRules.defaults(), items, null);
        assertThat(List.of(p.truePositives(), p.falsePositives(), p.falseNegatives(), p.trueNegatives()))
                .containsExactly(2, 1, 1, 1);
        assertThat(p.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(p.recall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(p.apiShare()).isCloseTo(3.0 / 5, within(1e-12));
        assertThat(p.mix()).isNull();

        RouterEval.Point off = RouterEval.evaluate(RoutingRules.defaults().withMaxLocalPromptTokens(0), items, null);
        assertThat(off.truePositives()).as("the long prompt stays local with the length rule off").isEqualTo(1);
    }

    @Test
    void theBundledSetIsLargeLabelledAndCoversEveryCategoryWithReasons() {
        LabelledSet set = LabelledSet.bundled();
        assertThat(set.prompts()).hasSizeGreaterThanOrEqualTo(200);
        assertThat(set.categories()).containsExactlyInAnyOrder("chat", "writing", "summarisation", "classification",
                "code", "reasoning", "long-context", "math");
        Set<String> ids = new HashSet<>();
        for (LabelledSet.Item i : set.prompts()) {
            assertThat(ids.add(i.id())).as("unique id " + i.id()).isTrue();
            assertThat(i.reason()).isNotBlank();
            assertThat(i.prompt()).isNotBlank();
        }
        for (String c : set.categories()) {
            assertThat(set.prompts().stream().filter(i -> i.category().equals(c)).map(LabelledSet.Item::label).distinct())
                    .as(c + " has both labels").hasSize(2);
        }
        assertThat(set.labelledOn()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(set.source()).isNotBlank();
    }

    @Test
    void theSweepOnTheBundledSetAgreesWithARecountAndMovesTheRightWay() {
        LabelledSet set = LabelledSet.bundled();
        List<RouterEval.Point> curve = RouterEval.sweep(RoutingRules.defaults(), set.prompts(),
                RouterEval.DEFAULT_LIMITS, RouterEval.presetWorkload("consultancy-team-20"));
        for (int k = 1; k < curve.size(); k++) {
            // DEFAULT_LIMITS goes from off to ever lower limits: more to the API, never less recall.
            assertThat(curve.get(k).apiShare()).isGreaterThanOrEqualTo(curve.get(k - 1).apiShare());
            assertThat(curve.get(k).recall()).isGreaterThanOrEqualTo(curve.get(k - 1).recall());
        }
        RouterEval.Point atDefault = curve.get(RouterEval.DEFAULT_LIMITS.indexOf(2000));
        Router router = new Router(RoutingRules.defaults());
        int tp = 0;
        int api = 0;
        int need = 0;
        for (LabelledSet.Item i : set.prompts()) {
            boolean toApi = router.route(i.request()).toApi();
            api += toApi ? 1 : 0;
            need += i.needsFrontier() ? 1 : 0;
            tp += toApi && i.needsFrontier() ? 1 : 0;
        }
        assertThat(atDefault.total()).isEqualTo(set.prompts().size());
        assertThat(atDefault.precision()).isCloseTo((double) tp / api, within(1e-12));
        assertThat(atDefault.recall()).isCloseTo((double) tp / need, within(1e-12));
        assertThat(atDefault.apiShare()).isCloseTo((double) api / set.prompts().size(), within(1e-12));
        assertThat(atDefault.mix()).isNotNull();
        assertThat(atDefault.mix().apiShare()).isEqualTo(atDefault.apiTokenShare());
        assertThat(RouterEval.nearestShare(curve, 0.05).apiShare()).isEqualTo(
                curve.stream().mapToDouble(RouterEval.Point::apiShare).boxed()
                        .min((a, b) -> Double.compare(Math.abs(a - 0.05), Math.abs(b - 0.05))).orElseThrow());
    }
}
