package dev.breakeven.core.chat;

import java.net.URI;
import java.time.Duration;

/**
 * Where a local OpenAI-compatible server listens (llama-server, Ollama, LM Studio), e.g.
 * {@code http://127.0.0.1:8080}; a trailing {@code /v1} is accepted. {@code model} empty = the server's first.
 */
public record ExternalSettings(URI baseUrl, String model, Duration connectTimeout, Duration firstTokenTimeout) {

    public ExternalSettings {
        model = model == null ? "" : model.strip();
    }

    /** Parses a user's URL with a clear message for anything unusable. */
    public static ExternalSettings of(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("an engine URL is needed, e.g. http://127.0.0.1:8080");
        }
        String text = url.strip();
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL with a host: " + url);
        }
        String base = uri.toString().replaceAll("/+$", "").replaceAll("/v1$", "");
        return new ExternalSettings(URI.create(base), "", Duration.ofSeconds(5), Duration.ofSeconds(120));
    }

    public ExternalSettings withModel(String name) {
        return new ExternalSettings(baseUrl, name, connectTimeout, firstTokenTimeout);
    }

    public ExternalSettings withTimeouts(Duration connect, Duration firstToken) {
        return new ExternalSettings(baseUrl, model, connect, firstToken);
    }

    URI endpoint(String path) {
        return URI.create(baseUrl + path);
    }
}
