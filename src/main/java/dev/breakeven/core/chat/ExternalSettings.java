package dev.breakeven.core.chat;

import dev.breakeven.core.engine.EngineUrls;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Where a local OpenAI-compatible server listens (llama-server, Ollama, LM Studio), e.g.
 * {@code http://127.0.0.1:8080}; a trailing {@code /v1} is accepted. {@code model} empty = the server's first.
 *
 * <p>{@code baseUrl} never holds credentials: a {@code user:pass@} in the user's URL becomes the
 * {@code authorization} header value, which {@link #toString()} hides, so the URL can be shown and stored.
 * {@code firstTokenTimeout} bounds the wait for the first data of an answer (prompt processing can be long);
 * {@code idleTimeout} the silence between chunks after that.
 */
public record ExternalSettings(URI baseUrl, String model, Duration connectTimeout, Duration firstTokenTimeout,
                               Duration idleTimeout, String authorization) {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public ExternalSettings {
        model = model == null ? "" : model.strip();
        baseUrl = EngineUrls.redact(baseUrl);
        idleTimeout = idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout;
        authorization = authorization == null ? "" : authorization;
    }

    public ExternalSettings(URI baseUrl, String model, Duration connectTimeout, Duration firstTokenTimeout) {
        this(baseUrl, model, connectTimeout, firstTokenTimeout, DEFAULT_IDLE_TIMEOUT, "");
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
            throw new IllegalArgumentException("not a URL: " + EngineUrls.redact(url));
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL with a host: " + EngineUrls.redact(url));
        }
        String authorization = "";
        if (uri.getUserInfo() != null && !uri.getUserInfo().isEmpty()) {
            authorization = "Basic " + Base64.getEncoder().encodeToString(uri.getUserInfo().getBytes(StandardCharsets.UTF_8));
        }
        String base = EngineUrls.redact(uri).toString().replaceAll("/+$", "").replaceAll("/v1$", "");
        return new ExternalSettings(URI.create(base), "", Duration.ofSeconds(5), Duration.ofSeconds(120),
                DEFAULT_IDLE_TIMEOUT, authorization);
    }

    public ExternalSettings withModel(String name) {
        return new ExternalSettings(baseUrl, name, connectTimeout, firstTokenTimeout, idleTimeout, authorization);
    }

    public ExternalSettings withTimeouts(Duration connect, Duration firstToken) {
        return new ExternalSettings(baseUrl, model, connect, firstToken, idleTimeout, authorization);
    }

    public ExternalSettings withIdleTimeout(Duration idle) {
        return new ExternalSettings(baseUrl, model, connectTimeout, firstTokenTimeout, idle, authorization);
    }

    /** A bearer token for servers started with one (e.g. {@code breakeven serve --token}). */
    public ExternalSettings withBearerToken(String token) {
        return new ExternalSettings(baseUrl, model, connectTimeout, firstTokenTimeout, idleTimeout,
                token == null || token.isEmpty() ? "" : "Bearer " + token);
    }

    URI endpoint(String path) {
        return URI.create(baseUrl + path);
    }

    @Override
    public String toString() {
        return "ExternalSettings[baseUrl=" + baseUrl + ", model=" + model + ", authorization="
                + (authorization.isEmpty() ? "none" : "(hidden)") + "]";
    }
}
