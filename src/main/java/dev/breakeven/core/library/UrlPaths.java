package dev.breakeven.core.library;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding of URL path segments ("a b/c" → "a%20b/c"), keeping the slashes between them. */
public final class UrlPaths {
    private UrlPaths() {
    }

    public static String encode(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
