package dev.breakeven.core.gguf;

/**
 * A file that is not a GGUF file, or a GGUF file whose header is damaged or describes something
 * impossible (a count larger than the file, a tensor past its end, an unknown tensor type).
 * The message is written for the person who picked the file, not for a developer.
 * Unchecked so that the typed getters of {@link GgufFile} can report a wrong value type too;
 * plain I/O failures (file missing, unreadable) stay {@link java.io.IOException}s.
 */
public final class GgufFormatException extends RuntimeException {
    public GgufFormatException(String message) {
        super(message);
    }
}
