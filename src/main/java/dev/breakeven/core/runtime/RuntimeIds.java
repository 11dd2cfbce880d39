package dev.breakeven.core.runtime;

import java.util.Locale;

/** Runtime ids double as folder names: keep them to a safe alphabet. */
final class RuntimeIds {
    private RuntimeIds() {
    }

    static String sanitize(String raw) {
        String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        return s.isEmpty() ? "runtime" : s;
    }

    static boolean valid(String id) {
        return id != null && id.matches("[a-z0-9][a-z0-9._-]*") && !id.contains("..") && id.length() <= 100;
    }
}
