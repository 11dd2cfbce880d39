package dev.breakeven.core.hub;

import java.io.IOException;

/** A remote file could not be read: HTTP status, a cut connection, a limit. The message says what to do. */
public final class RemoteReadException extends IOException {
    private final int status;

    public RemoteReadException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public RemoteReadException(String message) {
        this(message, 0, null);
    }

    /** The HTTP status that failed, or 0 when the failure was not an HTTP answer. */
    public int status() {
        return status;
    }
}
