package dev.breakeven.core.runtime;

import java.io.IOException;

/** An install that did not happen, with what went wrong in words a user can act on. */
public final class InstallException extends IOException {
    public enum Kind { RELEASE, NO_ASSET, NO_DIGEST, DIGEST_MISMATCH, NETWORK, CANCELLED, BAD_ARCHIVE, NO_BINARY, SMOKE_FAILED, DISK }

    private final Kind kind;
    private final boolean resumable;

    public InstallException(Kind kind, String message, boolean resumable, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.resumable = resumable;
    }

    public InstallException(Kind kind, String message) {
        this(kind, message, false, null);
    }

    public Kind kind() {
        return kind;
    }

    /** True when a partial download was kept and the next install resumes it. */
    public boolean resumable() {
        return resumable;
    }
}
