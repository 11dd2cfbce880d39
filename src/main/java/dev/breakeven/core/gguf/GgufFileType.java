package dev.breakeven.core.gguf;

import java.util.Map;
import java.util.Optional;

/**
 * Labels for {@code general.file_type}, llama.cpp's {@code enum llama_ftype} (include/llama.h): the
 * quantization preset a file was made with, e.g. 15 → Q4_K_M. Values 4, 5, 6 and 33–35 were removed upstream.
 */
public final class GgufFileType {
    /** llama.cpp sets this bit when the file type was guessed from the tensors rather than recorded. */
    private static final int GUESSED = 1024;

    private static final Map<Integer, String> LABELS = Map.ofEntries(
            Map.entry(0, "F32"), Map.entry(1, "F16"), Map.entry(2, "Q4_0"), Map.entry(3, "Q4_1"),
            Map.entry(7, "Q8_0"), Map.entry(8, "Q5_0"), Map.entry(9, "Q5_1"), Map.entry(10, "Q2_K"),
            Map.entry(11, "Q3_K_S"), Map.entry(12, "Q3_K_M"), Map.entry(13, "Q3_K_L"), Map.entry(14, "Q4_K_S"),
            Map.entry(15, "Q4_K_M"), Map.entry(16, "Q5_K_S"), Map.entry(17, "Q5_K_M"), Map.entry(18, "Q6_K"),
            Map.entry(19, "IQ2_XXS"), Map.entry(20, "IQ2_XS"), Map.entry(21, "Q2_K_S"), Map.entry(22, "IQ3_XS"),
            Map.entry(23, "IQ3_XXS"), Map.entry(24, "IQ1_S"), Map.entry(25, "IQ4_NL"), Map.entry(26, "IQ3_S"),
            Map.entry(27, "IQ3_M"), Map.entry(28, "IQ2_S"), Map.entry(29, "IQ2_M"), Map.entry(30, "IQ4_XS"),
            Map.entry(31, "IQ1_M"), Map.entry(32, "BF16"), Map.entry(36, "TQ1_0"), Map.entry(37, "TQ2_0"),
            Map.entry(38, "MXFP4_MOE"));

    private GgufFileType() {
    }

    /** The preset's label, e.g. {@code Q4_K_M}; empty for an id this table does not know. */
    public static Optional<String> label(long fileType) {
        if (fileType < 0 || fileType > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.ofNullable(LABELS.get((int) fileType & ~GUESSED));
    }

    /** The id of a label, the inverse of {@link #label(long)}. */
    public static Optional<Integer> id(String label) {
        return LABELS.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(label))
                .map(Map.Entry::getKey).findFirst();
    }
}
