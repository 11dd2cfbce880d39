package dev.breakeven.core.router;

/**
 * One rule's finding about a request, in words a person reads.
 *
 * @param rule  which rule this is about
 * @param fired whether the rule pointed to the API
 * @param text  what was found, e.g. "matched \"step by step\""
 */
public record RouteReason(Rule rule, boolean fired, String text) {
    public enum Rule {
        LENGTH, HARD_PHRASE, CODE_BLOCK, CONVERSATION,
        /** A person chose the side for the whole conversation (always local / always API). */
        OVERRIDE
    }

    @Override
    public String toString() {
        return text;
    }
}
