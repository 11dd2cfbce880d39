package dev.breakeven.core.router;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Sends a request to the API when any active rule fires, otherwise to the local model. Pure and deterministic:
 * the same rules and request always give the same decision with the same reasons, in rule order.
 */
public final class Router {
    /** Three tildes at a line start (up to three spaces in) open a Markdown code block; backticks count anywhere. */
    private static final Pattern TILDE_FENCE = Pattern.compile("(?m)^[ \\t]{0,3}~~~");

    private final RoutingRules rules;
    private final TokenCounter tokens;
    private final List<String> foldedPhrases;

    public Router(RoutingRules rules) {
        this(rules, TokenCounter.CHARS_OVER_FOUR);
    }

    public Router(RoutingRules rules, TokenCounter tokens) {
        this.rules = rules;
        this.tokens = tokens;
        this.foldedPhrases = rules.hardPhrases().stream().map(PhraseMatcher::fold).toList();
    }

    public RoutingRules rules() {
        return rules;
    }

    public RouteDecision route(String prompt) {
        return route(RouteRequest.of(prompt));
    }

    public RouteDecision route(RouteRequest request) {
        String prompt = Normalizer.normalize(request.prompt(), Normalizer.Form.NFC);
        int count = request.tokens() != null ? request.tokens() : tokens.count(prompt);
        List<RouteReason> findings = new ArrayList<>();
        String basis = request.tokens() != null ? "" : " (estimated)";

        if (rules.maxLocalPromptTokens() > 0) {
            boolean over = count > rules.maxLocalPromptTokens();
            findings.add(new RouteReason(RouteReason.Rule.LENGTH, over, String.format(Locale.ROOT,
                    over ? "%,d tokens%s, over the %,d-token local limit" : "%,d tokens%s, within the %,d-token local limit",
                    count, basis, rules.maxLocalPromptTokens())));
        }
        List<String> matched = new ArrayList<>();
        String folded = foldedPhrases.isEmpty() ? "" : PhraseMatcher.foldNormalized(prompt);
        for (int i = 0; i < foldedPhrases.size(); i++) {
            if (PhraseMatcher.containsWords(folded, foldedPhrases.get(i))) {
                matched.add(rules.hardPhrases().get(i));
            }
        }
        for (String phrase : matched) {
            findings.add(new RouteReason(RouteReason.Rule.HARD_PHRASE, true, "mentions \"" + phrase + "\""));
        }
        if (matched.isEmpty() && !foldedPhrases.isEmpty()) {
            findings.add(new RouteReason(RouteReason.Rule.HARD_PHRASE, false, "no hard phrase"));
        }
        if (rules.codeBlocksToApi()) {
            boolean code = prompt.contains("```") || (prompt.contains("~~~") && TILDE_FENCE.matcher(prompt).find());
            findings.add(new RouteReason(RouteReason.Rule.CODE_BLOCK, code, code ? "contains a code block" : "no code block"));
        }
        if (rules.maxLocalTurns() > 0) {
            boolean longChat = request.earlierTurns() > rules.maxLocalTurns();
            findings.add(new RouteReason(RouteReason.Rule.CONVERSATION, longChat, String.format(Locale.ROOT,
                    longChat ? "conversation of %d earlier messages, over the limit of %d"
                            : "conversation of %d earlier messages, within the limit of %d",
                    request.earlierTurns(), rules.maxLocalTurns())));
        }
        List<RouteReason> fired = findings.stream().filter(RouteReason::fired).toList();
        return fired.isEmpty() ? new RouteDecision.Local(count, findings) : new RouteDecision.Api(count, fired);
    }
}
