package dev.breakeven.core.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Engine URLs as shown and stored: without the {@code user:password@} part, which a user may put in a URL to
 * reach a protected server but which must never reach an error message, {@code --json} or a saved conversation.
 */
public final class EngineUrls {
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]*@");

    private EngineUrls() {
    }

    /** The URL without its user-info. */
    public static URI redact(URI url) {
        if (url == null || url.getRawUserInfo() == null) {
            return url;
        }
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(),
                    url.getFragment());
        } catch (URISyntaxException e) {
            return URI.create(redact(url.toString()));
        }
    }

    /** Any text with every {@code scheme://user:pass@} reduced to {@code scheme://}. */
    public static String redact(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("$1");
    }
}
