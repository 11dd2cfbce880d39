package dev.breakeven.core.library;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A GGUF file to fetch from a Hugging Face repository.
 *
 * @param repo           "org/name", e.g. "bartowski/Llama-3.2-1B-Instruct-GGUF"
 * @param file           path of the file inside the repo, e.g. "Llama-3.2-1B-Instruct-Q4_K_M.gguf"
 * @param revision       branch, tag or commit; "main" when null
 * @param expectedSha256 the file's SHA-256 in hex, or null to use the one the Hub announces (if any)
 * @param targetDir      where the file lands (the project's models/ folder)
 * @param token          a Hugging Face access token for gated or private repos, or null
 */
public record DownloadRequest(String repo, String file, String revision, String expectedSha256, Path targetDir,
                              String token) {
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public DownloadRequest {
        revision = revision == null || revision.isBlank() ? "main" : revision.strip();
        expectedSha256 = expectedSha256 == null || expectedSha256.isBlank() ? null : expectedSha256.strip().toLowerCase(Locale.ROOT);
    }

    public static DownloadRequest of(String repo, String file, Path targetDir) {
        return new DownloadRequest(repo, file, null, null, targetDir, null);
    }

    /** Checks the names before anything touches the network or the disk. */
    void validate() throws DownloadException {
        if (repo == null || !REPO.matcher(repo.strip()).matches()) {
            throw new DownloadException(DownloadException.Kind.BAD_REQUEST,
                    "repository must look like org/name, got: " + repo, false);
        }
        if (file == null || !FILE.matcher(file).matches() || file.contains("..")) {
            throw new DownloadException(DownloadException.Kind.BAD_REQUEST, "not a valid file name in a repository: " + file, false);
        }
        if (!file.toLowerCase(Locale.ROOT).endsWith(".gguf")) {
            throw new DownloadException(DownloadException.Kind.BAD_REQUEST, "only .gguf files can be downloaded, got: " + file, false);
        }
        if (!revision.matches("[A-Za-z0-9._/-]+") || revision.contains("..")) {
            throw new DownloadException(DownloadException.Kind.BAD_REQUEST, "not a valid revision: " + revision, false);
        }
        if (expectedSha256 != null && !SHA256.matcher(expectedSha256).matches()) {
            throw new DownloadException(DownloadException.Kind.BAD_REQUEST, "SHA-256 must be 64 hex digits: " + expectedSha256, false);
        }
    }

    /** Never the token: a request may end up in a log line or an error message. */
    @Override
    public String toString() {
        return "DownloadRequest[repo=" + repo + ", file=" + file + ", revision=" + revision + ", expectedSha256="
                + expectedSha256 + ", targetDir=" + targetDir + ", token=" + (token == null ? "none" : "***") + "]";
    }

    /** The local file name: the last segment of {@link #file()}. */
    public String fileName() {
        return file.substring(file.lastIndexOf('/') + 1);
    }

    public Path target() {
        return targetDir.resolve(fileName());
    }

    public Path partFile() {
        return targetDir.resolve(fileName() + ".part");
    }
}
