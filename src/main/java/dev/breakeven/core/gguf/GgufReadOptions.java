package dev.breakeven.core.gguf;

/**
 * How much of the big metadata arrays and strings to keep in memory.
 *
 * @param keptArrayElements elements kept per array (the rest is counted and skipped)
 * @param keptElementBudget elements kept across all arrays of one file, a bound for hostile files with many arrays
 * @param keptStringBytes   bytes kept of one string value; the rest is skipped, so a valid file with a 60 MB
 *                          metadata string cannot run a small heap out (chat templates are tens of KB)
 * @param keptStringBudget  string bytes kept across the whole file; later strings beyond it are kept empty
 */
public record GgufReadOptions(int keptArrayElements, int keptElementBudget, int keptStringBytes, long keptStringBudget) {

    public static final int DEFAULT_STRING_BYTES = 1 << 20;
    public static final long DEFAULT_STRING_BUDGET = 32L << 20;

    /** Keeps the first 1024 elements of each array: enough for per-layer arrays, small for vocabularies. */
    public static final GgufReadOptions DEFAULT = new GgufReadOptions(1024, 1 << 20);

    public GgufReadOptions {
        if (keptArrayElements < 0 || keptElementBudget < 0 || keptStringBytes < 0 || keptStringBudget < 0) {
            throw new IllegalArgumentException("kept element counts must not be negative");
        }
    }

    /** Array limits with the default string limits (1 MiB per string, 32 MiB per file). */
    public GgufReadOptions(int keptArrayElements, int keptElementBudget) {
        this(keptArrayElements, keptElementBudget, DEFAULT_STRING_BYTES, DEFAULT_STRING_BUDGET);
    }

    /** Keeps whole arrays, e.g. to read a tokenizer's vocabulary (still bounded by the file). */
    public static GgufReadOptions keepWholeArrays() {
        return new GgufReadOptions(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
    }
}
