package dev.breakeven.core.engine;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The last lines an engine printed, kept in memory so a failure can quote them without re-reading the log
 * file. Thread-safe: the process reader appends while the client asks why the engine died.
 */
public final class LogTail {
    private static final int MAX_LINE_CHARS = 2_000;
    private final int capacity;
    private final ArrayDeque<String> lines = new ArrayDeque<>();

    public LogTail(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(String line) {
        String kept = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "…" : line;
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(kept);
    }

    public synchronized List<String> last(int count) {
        return lines.stream().skip(Math.max(0, lines.size() - count)).toList();
    }

    /**
     * The line that best says why the engine stopped: llama.cpp's own {@code GGML_ASSERT}/abort line, else the
     * last line that mentions an error or failure.
     */
    public synchronized Optional<String> failureLine() {
        List<String> all = List.copyOf(lines);
        for (int i = all.size() - 1; i >= 0; i--) {
            String lower = all.get(i).toLowerCase(Locale.ROOT);
            if (lower.contains("assert") || lower.contains("abort") || lower.contains("terminate called")
                    || lower.contains("out of memory") || lower.contains("segmentation fault")) {
                return Optional.of(all.get(i).strip());
            }
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            String lower = all.get(i).toLowerCase(Locale.ROOT);
            if (lower.contains("error") || lower.contains("failed") || lower.contains("exception")) {
                return Optional.of(all.get(i).strip());
            }
        }
        return Optional.empty();
    }

    /** The last {@code count} lines joined by " | " for a one-line message. */
    public String summary(int count) {
        List<String> last = last(count).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        return last.isEmpty() ? "(the engine printed nothing)" : String.join(" | ", last);
    }
}
