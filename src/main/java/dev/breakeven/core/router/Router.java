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
    /** A fence opening a Markdown code block: three backticks anywhere, or three tildes at a line start. */
    private static final Pattern CODE_FENCE = Pattern.compile("```|(?m)^[ \\t]{0,3}~~~");
    /** Letters, digits (any script) and underscore count as word characters; anything else is a boundary. */
    private static final String WORD_CHAR = "[\\p{L}\\p{M}\\p{N}_]";

    private final RoutingRules rules;
    private final TokenCounter tokens;
    private final List<Pattern> phrasePatterns;

    public Router(RoutingRules rules) {
        this(rules, TokenCounter.CHARS_OVER_FOUR);
    }

    public Router(RoutingRules rules, TokenCounter tokens) {
        this.rules = rules;
        this.tokens = tokens;
        this.phrasePatterns = rules.hardPhrases().stream().map(Router::phrasePattern).toList();
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
        for (int i = 0; i < phrasePatterns.size(); i++) {
            if (phrasePatterns.get(i).matcher(prompt).find()) {
                matched.add(rules.hardPhrases().get(i));
            }
        }
        for (String phrase : matched) {
            findings.add(new RouteReason(RouteReason.Rule.HARD_PHRASE, true, "mentions \"" + phrase + "\""));
        }
        if (matched.isEmpty() && !phrasePatterns.isEmpty()) {
            findings.add(new RouteReason(RouteReason.Rule.HARD_PHRASE, false, "no hard phrase"));
        }
        if (rules.codeBlocksToApi()) {
            boolean code = CODE_FENCE.matcher(prompt).find();
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

    /**
     * A phrase matches on whole words only ("prove" not in "improve"), case-insensitively in any script,
     * with any run of whitespace between its words.
     */
    static Pattern phrasePattern(String phrase) {
        String normal = Normalizer.normalize(phrase, Normalizer.Form.NFC);
        StringBuilder body = new StringBuilder();
        for (String word : normal.split(" ")) {
            if (!body.isEmpty()) {
                body.append("\\s+");
            }
            body.append(Pattern.quote(word));
        }
        String regex = "(?<!" + WORD_CHAR + ")" + body + "(?!" + WORD_CHAR + ")";
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
