package dev.breakeven.core.library;

import java.io.IOException;

/** A download or import that did not finish, with what happened and whether a .part file was kept to resume. */
public final class DownloadException extends IOException {
    public enum Kind { BAD_REQUEST, NOT_FOUND, UNAUTHORIZED, HTTP_ERROR, NETWORK, DISK_FULL, HASH_MISMATCH, CANCELLED, NOT_GGUF,
        /** Neither the size nor the SHA-256 of the file is known: it cannot be told complete. */
        UNVERIFIED }

    private final Kind kind;
    private final boolean partKept;

    public DownloadException(Kind kind, String message, boolean partKept, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.partKept = partKept;
    }

    public DownloadException(Kind kind, String message, boolean partKept) {
        this(kind, message, partKept, null);
    }

    public Kind kind() {
        return kind;
    }

    /** True when the partial file was kept, so running the same download again resumes it. */
    public boolean partKept() {
        return partKept;
    }
}
