package dev.breakeven.core.chat;

/**
 * Text queued by the generating thread for the UI to take in batches (once per frame), so the UI thread
 * never receives one hand-off per token. Also a {@link TokenSink}.
 */
public final class TokenBuffer implements TokenSink {
    private StringBuilder pending = new StringBuilder();
    private long appended;

    @Override
    public synchronized void accept(String piece) {
        pending.append(piece);
        appended++;
    }

    /** Everything queued since the last drain, or an empty string. */
    public synchronized String drain() {
        if (pending.isEmpty()) {
            return "";
        }
        String text = pending.toString();
        pending = new StringBuilder(Math.max(16, text.length()));
        return text;
    }

    /** Pieces appended since creation (for tests and benchmarks). */
    public synchronized long appendedCount() {
        return appended;
    }
}
