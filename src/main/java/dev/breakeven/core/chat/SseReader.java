package dev.breakeven.core.chat;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads server-sent events from a stream and yields each event's data (multi-line data joined by newlines) and, for
 * protocols that name their events (Anthropic's {@code event: content_block_delta}), its name; OpenAI-style streams
 * send unnamed ones. The one reader for every engine: the local engines' and the hosted APIs' streams.
 * Comment lines ({@code : keep-alive}) and fields other than {@code event} and {@code data} are skipped. A line or an event beyond its cap ends the read
 * with {@link LimitExceeded}: a server that never sends a newline must not run the heap out. The time of the
 * last data received is kept for the caller's idle timeout.
 */
public final class SseReader {
    static final int MAX_LINE_CHARS = 1 << 20;
    static final int MAX_EVENT_CHARS = 4 << 20;

    /** One event: its name ("" when unnamed) and its data. */
    public record Event(String name, String data) {
    }

    /** A line or event longer than the caps. */
    public static final class LimitExceeded extends IOException {
        LimitExceeded(String message) {
            super(message);
        }
    }

    private final Reader in;
    private final int maxLine;
    private final int maxEvent;
    private final char[] buffer = new char[8192];
    private int pos;
    private int len;
    private boolean skipLineFeed;
    private volatile long lastDataNanos = System.nanoTime();

    public SseReader(Reader in) {
        this(in, MAX_LINE_CHARS, MAX_EVENT_CHARS);
    }

    SseReader(Reader in, int maxLine, int maxEvent) {
        this.in = in;
        this.maxLine = maxLine;
        this.maxEvent = maxEvent;
    }

    /** {@link System#nanoTime()} when bytes last arrived. */
    long lastDataNanos() {
        return lastDataNanos;
    }

    /** The next event's data, or null at the end of the stream. */
    String next() throws IOException {
        Event event = nextEvent();
        return event == null ? null : event.data();
    }

    /** The next event that has data, with its name; null at the end of the stream. */
    public Event nextEvent() throws IOException {
        StringBuilder data = null;
        String name = "";
        String line;
        while ((line = readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name, data.toString());
                }
                name = ""; // an event without data (a named ping) is dropped with its name
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
                continue;
            }
            if (!field.equals("data")) {
                continue;
            }
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
            if (data.length() > maxEvent) {
                throw new LimitExceeded("an event over " + maxEvent / (1 << 20) + " MiB");
            }
        }
        return data == null ? null : new Event(name, data.toString());
    }

    /** One line without its terminator (LF, CR or CRLF); null at the end of the stream. */
    private String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos == len) {
                len = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return line == null ? null : line.toString();
                }
                lastDataNanos = System.nanoTime();
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < len && buffer[pos] != '\n' && buffer[pos] != '\r') {
                pos++;
            }
            if (line == null) {
                line = new StringBuilder(Math.min(pos - start + 16, 1024));
            }
            line.append(buffer, start, pos - start);
            if (line.length() > maxLine) {
                throw new LimitExceeded("a line over " + maxLine / (1 << 20) + " MiB");
            }
            if (pos < len) {
                skipLineFeed = buffer[pos] == '\r';
                pos++;
                return line.toString();
            }
        }
    }
}
