package dev.breakeven.core.library;

import java.util.regex.Pattern;

/**
 * Text from files and servers made safe to show: terminal escape sequences (ANSI CSI/OSC) and control characters
 * removed, so a model named {@code "\u001b]0;pwned\u0007x"} cannot retitle a terminal, move the cursor or hide text.
 */
public final class DisplayText {
    /** CSI ({@code ESC [ … final}), OSC ({@code ESC ] … BEL or ESC \}) and two-character escapes. */
    private static final Pattern ESCAPES = Pattern.compile(
            "\\u001B\\[[0-?]*[ -/]*[@-~]|\\u001B\\][^\\u0007\\u001B]*(\\u0007|\\u001B\\\\)?|\\u001B[@-Z\\\\-_]|\\u009B[0-?]*[ -/]*[@-~]");
    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");
    private static final int MAX_LENGTH = 200;

    private DisplayText() {
    }

    /** {@code text} without escapes and control characters (and bidi overrides), at most 200 characters. */
    public static String sanitize(String text) {
        if (text == null) {
            return null;
        }
        String clean = CONTROLS.matcher(ESCAPES.matcher(text).replaceAll("")).replaceAll("");
        return clean.length() <= MAX_LENGTH ? clean : clean.substring(0, MAX_LENGTH - 1) + "…";
    }
}
