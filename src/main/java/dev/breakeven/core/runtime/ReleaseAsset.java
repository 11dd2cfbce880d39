package dev.breakeven.core.runtime;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One file of a GitHub release.
 *
 * @param sha256 the digest GitHub publishes for the asset (hex, lower case), or null when the API gave none
 */
public record ReleaseAsset(String name, long size, String sha256, URI url) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** Reads GitHub's {@code digest} field, {@code "sha256:<hex>"}; anything else (absent, another algorithm) is null. */
    static String sha256Of(String digest) {
        if (digest == null) {
            return null;
        }
        String d = digest.strip().toLowerCase(Locale.ROOT);
        if (!d.startsWith("sha256:")) {
            return null;
        }
        String hex = d.substring("sha256:".length());
        return HEX64.matcher(hex).matches() ? hex : null;
    }
}
