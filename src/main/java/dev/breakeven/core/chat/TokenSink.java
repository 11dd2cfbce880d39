package dev.breakeven.core.chat;

/** Receives answer text as the engine produces it, on the generating thread. Must return quickly. */
@FunctionalInterface
public interface TokenSink {
    void accept(String piece);
}
