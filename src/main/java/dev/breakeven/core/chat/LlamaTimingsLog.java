package dev.breakeven.core.chat;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads llama.cpp's own timing report from its log, the lines a server slot prints when it finishes:
 * <pre>
 * prompt eval time =   2.57 ms /     1 tokens (    2.57 ms per token,   389.71 tokens per second)
 *        eval time =  72.55 ms /    32 tokens (    2.27 ms per token,   441.09 tokens per second)
 * </pre>
 */
public final class LlamaTimingsLog {
    private static final String LINE = "eval time =\\s*([0-9.]+) ms /\\s*([0-9]+) tokens \\([^,]*,\\s*([0-9.]+|inf|nan) tokens per second\\)";
    private static final Pattern PROMPT = Pattern.compile("prompt " + LINE);
    private static final Pattern DECODE = Pattern.compile("(?m)^\\s*" + LINE);

    private LlamaTimingsLog() {
    }

    /** True once the log holds a complete report (the decode line follows the prompt line). */
    static boolean hasReport(String log) {
        return parseLast(log).isPresent();
    }

    /** The last complete report in the log, if any. */
    public static Optional<EngineTimings> parseLast(String log) {
        Matcher prompt = PROMPT.matcher(log);
        int promptEnd = -1;
        double promptMs = 0;
        int promptTokens = 0;
        double promptRate = 0;
        while (prompt.find()) {
            promptEnd = prompt.end();
            promptMs = Double.parseDouble(prompt.group(1));
            promptTokens = Integer.parseInt(prompt.group(2));
            promptRate = rate(prompt.group(3));
        }
        if (promptEnd < 0) {
            return Optional.empty();
        }
        Matcher decode = DECODE.matcher(log);
        if (!decode.find(promptEnd)) {
            return Optional.empty();
        }
        return Optional.of(new EngineTimings(promptTokens, promptMs, promptRate,
                Integer.parseInt(decode.group(2)), Double.parseDouble(decode.group(1)), rate(decode.group(3))));
    }

    private static double rate(String text) {
        return switch (text) {
            case "inf", "nan" -> 0;
            default -> Double.parseDouble(text);
        };
    }
}
