package dev.breakeven.core.router;

/**
 * One request to route.
 *
 * @param prompt       the user's message (null is taken as empty)
 * @param earlierTurns messages already in the conversation before this one
 * @param tokens       the prompt's token count from a real tokenizer, or null to use the router's estimate
 */
public record RouteRequest(String prompt, int earlierTurns, Integer tokens) {
    public RouteRequest {
        prompt = prompt == null ? "" : prompt;
        if (earlierTurns < 0) {
            throw new IllegalArgumentException("earlierTurns must not be negative, not " + earlierTurns);
        }
        if (tokens != null && tokens < 0) {
            throw new IllegalArgumentException("tokens must not be negative, not " + tokens);
        }
    }

    /** A first message, its tokens estimated. */
    public static RouteRequest of(String prompt) {
        return new RouteRequest(prompt, 0, null);
    }
}
