package dev.breakeven.core.router;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RouterTest {
    /** Length limit 10 tokens (40 characters), two hard phrases, code blocks on, 4 earlier turns. */
    private static final RoutingRules RULES = new RoutingRules(10, List.of("prove", "step by step"), true, 4);
    private final Router router = new Router(RULES);

    private static List<RouteReason.Rule> firedRules(RouteDecision d) {
        return d.reasons().stream().filter(RouteReason::fired).map(RouteReason::rule).toList();
    }

    @Test
    void fortyCharactersAreTenTokensAndStayLocalFortyOneGoToTheApi() {
        RouteDecision atLimit = router.route("a".repeat(40));
        assertThat(atLimit).isInstanceOf(RouteDecision.Local.class);
        assertThat(atLimit.promptTokens()).isEqualTo(10);

        RouteDecision over = router.route("a".repeat(41));
        assertThat(over).isInstanceOf(RouteDecision.Api.class);
        assertThat(over.promptTokens()).isEqualTo(11);
        assertThat(firedRules(over)).containsExactly(RouteReason.Rule.LENGTH);
        assertThat(over.reasons().getFirst().text()).contains("11 tokens").contains("over the 10-token local limit");
    }

    @Test
    void aSuppliedTokenizerCountWinsOverTheEstimate() {
        // 4 characters would estimate 1 token; the tokenizer says 11.
        RouteDecision d = router.route(new RouteRequest("abcd", 0, 11));
        assertThat(d.toApi()).isTrue();
        assertThat(d.promptTokens()).isEqualTo(11);
        assertThat(d.reasons().getFirst().text()).doesNotContain("estimated");

        Router custom = new Router(RULES, text -> text.length());
        assertThat(custom.route("a".repeat(11)).toApi()).isTrue();
        assertThat(custom.route("a".repeat(10)).toApi()).isFalse();
    }

    @Test
    void aKeywordFiresCaseInsensitivelyOnWholeWordsOnly() {
        assertThat(router.route("Please PROVE this.").toApi()).isTrue();
        assertThat(router.route("prove: x>0").toApi()).isTrue();
        assertThat(router.route("(prove)").toApi()).isTrue();
        // inside another word, or with a suffix, it must not fire
        assertThat(router.route("improve it").toApi()).isFalse();
        assertThat(router.route("proven fix").toApi()).isFalse();
        assertThat(router.route("prove_it").toApi()).isFalse();
        assertThat(router.route("prove2").toApi()).isFalse();
    }

    @Test
    void aPhraseMatchesAcrossAnyWhitespaceAndNamesItselfAsTheReason() {
        RouteDecision d = router.route("go Step  by\nstep");
        assertThat(d).isInstanceOf(RouteDecision.Api.class);
        assertThat(d.reasons()).extracting(RouteReason::text).containsExactly("mentions \"step by step\"");
        assertThat(router.route("then step\u00A0by\tstep").toApi()).as("no-break space and tab").isTrue();
        assertThat(router.route("stepby step").toApi()).isFalse();
        assertThat(router.route("step by steps").toApi()).isFalse();
    }

    @Test
    void allFiredRulesAreListedInRuleOrder() {
        String prompt = "prove it step by step ```x``` " + "z".repeat(40);
        RouteDecision d = router.route(new RouteRequest(prompt, 5, null));
        assertThat(firedRules(d)).containsExactly(RouteReason.Rule.LENGTH, RouteReason.Rule.HARD_PHRASE,
                RouteReason.Rule.HARD_PHRASE, RouteReason.Rule.CODE_BLOCK, RouteReason.Rule.CONVERSATION);
        assertThat(d.reasons()).allMatch(RouteReason::fired);
        assertThat(router.route(new RouteRequest(prompt, 5, null))).isEqualTo(d);
    }

    @Test
    void unicodeLettersAreWordCharactersAndCaseFoldsBeyondAscii() {
        Router r = new Router(new RoutingRules(0, List.of("beweise", "étape", "доказать"), false, 0));
        assertThat(r.route("Bitte BEWEISE das").toApi()).isTrue();
        assertThat(r.route("ÉTAPE une").toApi()).isTrue();
        // decomposed é (e + combining acute) matches the composed keyword
        assertThat(r.route("e\u0301tape deux").toApi()).isTrue();
        assertThat(r.route("надо ДОКАЗАТЬ").toApi()).isTrue();
        // a letter glued on, in any script, is still another word
        assertThat(r.route("étapes").toApi()).isFalse();
        assertThat(r.route("xбеweise").toApi()).isFalse();
        assertThat(r.route("доказательство").toApi()).isFalse();
    }

    @Test
    void tokensCountCodePointsSoEmojiCountOnce() {
        // 8 emoji are 16 UTF-16 units but 8 code points → 2 tokens
        RouteDecision d = router.route("😀".repeat(8));
        assertThat(d.promptTokens()).isEqualTo(2);
        assertThat(router.route("😀".repeat(41)).toApi()).isTrue();
        assertThat(router.route("😀".repeat(40)).toApi()).isFalse();
    }

    @Test
    void theEmptyPromptStaysLocalWithEachCheckReported() {
        RouteDecision d = router.route("");
        assertThat(d).isInstanceOf(RouteDecision.Local.class);
        assertThat(d.promptTokens()).isZero();
        assertThat(d.reasons()).extracting(RouteReason::rule).containsExactly(RouteReason.Rule.LENGTH,
                RouteReason.Rule.HARD_PHRASE, RouteReason.Rule.CODE_BLOCK, RouteReason.Rule.CONVERSATION);
        assertThat(d.reasons()).noneMatch(RouteReason::fired);
        assertThat(router.route((String) null)).isEqualTo(d);
    }

    @Test
    void codeFencesFireOnlyWhenTheRuleIsOn() {
        String code = "fix this\n~~~\nint x;\n~~~";
        assertThat(router.route(code).toApi()).isTrue();
        assertThat(router.route("use `x` inline").toApi()).isFalse();
        assertThat(new Router(RULES.withCodeBlocksToApi(false)).route(code).toApi()).isFalse();
    }

    @Test
    void conversationLengthFiresAboveTheThresholdAndZeroTurnsRulesOff() {
        assertThat(router.route(new RouteRequest("hi", 4, null)).toApi()).isFalse();
        RouteDecision d = router.route(new RouteRequest("hi", 5, null));
        assertThat(firedRules(d)).containsExactly(RouteReason.Rule.CONVERSATION);
        Router off = new Router(RULES.withMaxLocalTurns(0).withMaxLocalPromptTokens(0));
        RouteDecision local = off.route(new RouteRequest("z".repeat(10_000), 500, null));
        assertThat(local.toApi()).isFalse();
        assertThat(local.reasons()).extracting(RouteReason::rule)
                .containsExactly(RouteReason.Rule.HARD_PHRASE, RouteReason.Rule.CODE_BLOCK);
    }

    @Test
    void rulesCleanTheirPhrasesAndRejectNegativeLimits() {
        RoutingRules r = new RoutingRules(5, java.util.Arrays.asList(" Prove ", "prove", "", null, "step   by step"),
                false, 0);
        assertThat(r.hardPhrases()).containsExactly("Prove", "step by step");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RoutingRules(-1, List.of(), false, 0))
                .hasMessageContaining("maxLocalPromptTokens");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RoutingRules(1, List.of(), false, -2))
                .hasMessageContaining("maxLocalTurns");
    }

    @Test
    void phrasesWithRegexCharactersAreTakenLiterally() {
        Router r = new Router(new RoutingRules(0, List.of("c++", "a.b"), false, 0));
        assertThat(r.route("port this c++ code").toApi()).isTrue();
        assertThat(r.route("axb").toApi()).isFalse();
        // a phrase edge that is not a letter needs no boundary there, as with a regex \b
        assertThat(r.route("modern c++20 please").toApi()).isTrue();
        assertThat(r.route("abc++").toApi()).isFalse();
        assertThat(r.route("a.b").toApi()).isTrue();
    }
}
