package dev.breakeven.ui.hybrid;

import dev.breakeven.core.router.LabelledSet;
import dev.breakeven.core.router.Router;
import dev.breakeven.core.router.RouterEval;
import dev.breakeven.core.router.RoutingRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RouterEvalViewModelTest {
    @Test
    void theCurveMarksTheRulesBeingEditedAndTheSetShowsWhereEachPromptGoes() {
        LabelledSet set = LabelledSet.bundled();
        RoutingRules rules = RoutingRules.defaults().withMaxLocalPromptTokens(4000);
        RouterEvalViewModel.Outcome o = RouterEvalViewModel.compute(set, rules, "consultancy-team-20");
        assertThat(o.rows()).hasSize(RouterEval.DEFAULT_LIMITS.size());
        assertThat(o.rows().stream().filter(r -> r.note().contains("your rules")).map(RouterEvalViewModel.Row::limit))
                .containsExactly(4000);
        assertThat(o.rows().stream().filter(r -> r.note().contains("nearest to 5%"))).hasSize(1);
        assertThat(o.rows()).allSatisfy(r -> assertThat(r.monthlyUsd()).isPositive());
        assertThat(o.current()).isEqualTo(RouterEval.evaluate(rules, set.prompts(), RouterEval.presetWorkload("consultancy-team-20")));
        Router router = new Router(rules);
        assertThat(o.labelled()).hasSize(set.prompts().size());
        for (int i = 0; i < set.prompts().size(); i++) {
            assertThat(o.labelled().get(i).route()).isEqualTo(router.route(set.prompts().get(i).request()).label());
        }
    }
}
