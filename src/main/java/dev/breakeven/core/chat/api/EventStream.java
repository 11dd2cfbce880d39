package dev.breakeven.core.chat.api;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Server-sent events with their names: Anthropic names each event ({@code event: content_block_delta}), OpenAI sends
 * unnamed ones. Comment lines ({@code : keep-alive}) and unknown fields are skipped.
 */
final class EventStream {
    record Event(String name, String data) {
    }

    private final BufferedReader lines;

    EventStream(BufferedReader lines) {
        this.lines = lines;
    }

    /** The next event with data, or null at the end of the stream. */
    Event next() throws IOException {
        StringBuilder data = null;
        String name = "";
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name, data.toString());
                }
                name = "";
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                name = value;
            } else if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return data == null ? null : new Event(name, data.toString());
    }
}
