package dev.breakeven.core.router;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What makes a request "hard" enough for the API. Saved as JSON in the settings folder; the defaults and the
 * reasons for them are in docs/hybrid.md.
 *
 * @param maxLocalPromptTokens prompts estimated above this many tokens go to the API; 0 turns the length rule off
 * @param hardPhrases          words or phrases that mark a request hard, matched case-insensitively on whole words
 * @param codeBlocksToApi      whether a fenced code block (``` or ~~~) sends the request to the API
 * @param maxLocalTurns        conversations with more earlier messages than this go to the API; 0 turns it off
 */
public record RoutingRules(int maxLocalPromptTokens, List<String> hardPhrases, boolean codeBlocksToApi,
                           int maxLocalTurns) {
    /** Beyond this a "limit" is a typing slip: no local model takes a million-token prompt. */
    public static final int MAX_TOKEN_LIMIT = 1_000_000;
    public static final int MAX_TURN_LIMIT = 10_000;

    public static final int DEFAULT_MAX_LOCAL_PROMPT_TOKENS = 2_000;
    public static final int DEFAULT_MAX_LOCAL_TURNS = 20;
    public static final List<String> DEFAULT_HARD_PHRASES = List.of(
            "prove", "proof", "derive", "refactor", "legal", "contract", "compliance", "diagnose", "step by step");

    public RoutingRules {
        if (maxLocalPromptTokens < 0 || maxLocalPromptTokens > MAX_TOKEN_LIMIT) {
            throw new IllegalArgumentException(
                    "maxLocalPromptTokens must be between 0 (off) and " + MAX_TOKEN_LIMIT + ", not " + maxLocalPromptTokens);
        }
        if (maxLocalTurns < 0 || maxLocalTurns > MAX_TURN_LIMIT) {
            throw new IllegalArgumentException(
                    "maxLocalTurns must be between 0 (off) and " + MAX_TURN_LIMIT + ", not " + maxLocalTurns);
        }
        hardPhrases = cleaned(hardPhrases);
    }

    public static RoutingRules defaults() {
        return new RoutingRules(DEFAULT_MAX_LOCAL_PROMPT_TOKENS, DEFAULT_HARD_PHRASES, true, DEFAULT_MAX_LOCAL_TURNS);
    }

    public RoutingRules withMaxLocalPromptTokens(int tokens) {
        return new RoutingRules(tokens, hardPhrases, codeBlocksToApi, maxLocalTurns);
    }

    public RoutingRules withHardPhrases(List<String> phrases) {
        return new RoutingRules(maxLocalPromptTokens, phrases, codeBlocksToApi, maxLocalTurns);
    }

    public RoutingRules withCodeBlocksToApi(boolean on) {
        return new RoutingRules(maxLocalPromptTokens, hardPhrases, on, maxLocalTurns);
    }

    public RoutingRules withMaxLocalTurns(int turns) {
        return new RoutingRules(maxLocalPromptTokens, hardPhrases, codeBlocksToApi, turns);
    }

    /** Trimmed, inner whitespace collapsed, blanks dropped, case-insensitive duplicates dropped (first spelling kept). */
    private static List<String> cleaned(List<String> phrases) {
        if (phrases == null) {
            return List.of();
        }
        List<String> kept = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String phrase : phrases) {
            if (phrase == null) {
                continue;
            }
            String p = phrase.strip().replaceAll("\\s+", " ");
            if (!p.isEmpty() && seen.add(p.toLowerCase(Locale.ROOT))) {
                kept.add(p);
            }
        }
        return List.copyOf(kept);
    }
}
