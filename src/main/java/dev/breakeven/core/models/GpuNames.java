package dev.breakeven.core.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns GPU names as drivers and tools print them into comparable word lists:
 * "NVIDIA GeForce RTX 4090" and "RTX 4090" both become [rtx, 4090]; "Intel(R) Arc(TM) B580 Graphics"
 * becomes [arc, b580]; memory sizes and memory kinds ("16GB", "HBM3") are dropped.
 */
final class GpuNames {
    /** Words that say who made a card or what family it is, not which card it is. */
    private static final Set<String> NOISE = Set.of("nvidia", "geforce", "amd", "ati", "radeon", "rx", "intel",
            "apple", "graphics", "corporation", "generation", "edition", "workstation", "gpu", "tm", "r", "the",
            "series", "founders");

    private GpuNames() {
    }

    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        if (name == null) {
            return words;
        }
        String cleaned = name.toLowerCase(Locale.ROOT)
                .replace("(r)", " ").replace("(tm)", " ").replace("®", " ").replace("™", " ")
                .replaceAll("[^a-z0-9+.]+", " ");
        for (String word : cleaned.strip().split("\\s+")) {
            if (word.isEmpty() || NOISE.contains(word) || isMemoryWord(word)) {
                continue;
            }
            words.add(word);
        }
        return words;
    }

    private static boolean isMemoryWord(String word) {
        return word.matches("\\d+(\\.\\d+)?(gb|g|gib)") || word.matches("hbm\\d*e?") || word.matches("gddr\\d+x?");
    }
}
