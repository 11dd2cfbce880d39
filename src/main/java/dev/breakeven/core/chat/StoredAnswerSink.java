package dev.breakeven.core.chat;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** Passes tokens on and keeps the answer so far, handing it to {@code autosave} at most every interval. */
public final class StoredAnswerSink implements TokenSink {
    private final TokenSink next;
    private final LongSupplier clockMillis;
    private final long intervalMillis;
    private final Consumer<String> autosave;
    private final StringBuilder text = new StringBuilder();
    private long lastSave;

    public StoredAnswerSink(TokenSink next, LongSupplier clockMillis, long intervalMillis, Consumer<String> autosave) {
        this.next = next;
        this.clockMillis = clockMillis;
        this.intervalMillis = intervalMillis;
        this.autosave = autosave;
        this.lastSave = clockMillis.getAsLong();
    }

    @Override
    public void accept(String piece) {
        String snapshot = null;
        synchronized (this) {
            text.append(piece);
            long now = clockMillis.getAsLong();
            if (now - lastSave >= intervalMillis) {
                lastSave = now;
                snapshot = text.toString();
            }
        }
        next.accept(piece);
        if (snapshot != null) {
            autosave.accept(snapshot);
        }
    }

    public synchronized String text() {
        return text.toString();
    }
}
