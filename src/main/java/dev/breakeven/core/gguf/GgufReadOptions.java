package dev.breakeven.core.gguf;

/**
 * How much of the big metadata arrays to keep in memory.
 *
 * @param keptArrayElements elements kept per array (the rest is counted and skipped)
 * @param keptElementBudget elements kept across all arrays of one file, a bound for hostile files with many arrays
 */
public record GgufReadOptions(int keptArrayElements, int keptElementBudget) {

    /** Keeps the first 1024 elements of each array: enough for per-layer arrays, small for vocabularies. */
    public static final GgufReadOptions DEFAULT = new GgufReadOptions(1024, 1 << 20);

    public GgufReadOptions {
        if (keptArrayElements < 0 || keptElementBudget < 0) {
            throw new IllegalArgumentException("kept element counts must not be negative");
        }
    }

    /** Keeps whole arrays, e.g. to read a tokenizer's vocabulary (still bounded by the file). */
    public static GgufReadOptions keepWholeArrays() {
        return new GgufReadOptions(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }
}
