package dev.breakeven.core.chat;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads server-sent events from a stream and yields each event's data (multi-line data joined by newlines).
 * Comment lines and fields other than {@code data} are skipped.
 */
final class SseReader {
    private final BufferedReader lines;

    SseReader(BufferedReader lines) {
        this.lines = lines;
    }

    /** The next event's data, or null at the end of the stream. */
    String next() throws IOException {
        StringBuilder data = null;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return data.toString();
                }
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            if (!field.equals("data")) {
                continue;
            }
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        }
        return data == null ? null : data.toString();
    }
}
