package dev.breakeven.core.router;

/** Counts a prompt's tokens; a real tokenizer can stand in for the estimate. */
@FunctionalInterface
public interface TokenCounter {
    int count(String text);

    /**
     * About four characters per token, the usual figure for English with BPE tokenizers, rounded up.
     * Code points, not UTF-16 units, so an emoji counts once; prose in other scripts tokenizes denser, so treat
     * the estimate as a floor there.
     */
    TokenCounter CHARS_OVER_FOUR = text -> {
        long points = text.codePointCount(0, text.length());
        return (int) Math.min(Integer.MAX_VALUE, (points + 3) / 4);
    };
}
