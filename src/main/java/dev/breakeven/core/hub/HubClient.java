package dev.breakeven.core.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.io.Json;
import dev.breakeven.core.library.HubEndpoint;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two Hub API calls the Models page needs: model search with the {@code gguf} filter
 * ({@code GET /api/models?search=TEXT&filter=gguf}) and a repository's file tree
 * ({@code GET /api/models/OWNER/REPO/tree/main?recursive=true}), reduced to its GGUF models with sizes, quants and
 * the SHA-256 each LFS file is stored under. Answers larger than {@value #MAX_ANSWER_BYTES} bytes are refused.
 */
public final class HubClient {
    static final int MAX_ANSWER_BYTES = 16 << 20;
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final HttpClient client;
    private final HubEndpoint hub;
    private final Duration timeout;

    public HubClient(HttpClient client, HubEndpoint hub, Duration timeout) {
        this.client = client;
        this.hub = hub;
        this.timeout = timeout;
    }

    public static HubClient standard(HubEndpoint hub) {
        return new HubClient(HubHttp.client(), hub, Duration.ofSeconds(30));
    }

    public HubEndpoint endpoint() {
        return hub;
    }

    /** GGUF repositories whose name matches {@code text}, most downloaded first, at most {@code limit}. */
    public List<HubRepo> search(String text, int limit) throws IOException {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("type part of a model name to search for, e.g. qwen3 or llama 3.2");
        }
        String query = "api/models?search=" + URLEncoder.encode(text.strip(), StandardCharsets.UTF_8)
                + "&filter=gguf&sort=downloads&direction=-1&limit=" + Math.max(1, Math.min(limit, 100));
        JsonNode answer = get(hub.baseUrl().resolve(query), "search for '" + text.strip() + "'");
        if (!answer.isArray()) {
            throw new RemoteReadException("the Hub's search answer is not a list (is " + hub.hostLabel() + " a Hub?)");
        }
        return parseSearch(answer);
    }

    static List<HubRepo> parseSearch(JsonNode answer) {
        List<HubRepo> repos = new ArrayList<>();
        for (JsonNode repo : answer) {
            String id = repo.path("id").asText(repo.path("modelId").asText(""));
            if (!REPO.matcher(id).matches()) {
                continue;
            }
            List<String> tags = new ArrayList<>();
            repo.path("tags").forEach(tag -> tags.add(tag.asText()));
            repos.add(new HubRepo(id, repo.path("downloads").asLong(0), repo.path("likes").asLong(0),
                    repo.path("lastModified").asText(repo.path("createdAt").asText("")), tags));
        }
        return repos;
    }

    /** The GGUF models of {@code repo} at {@code main}: split files grouped, sorted by name. */
    public List<HubModelFile> ggufFiles(String repo) throws IOException {
        checkRepo(repo);
        URI url = hub.baseUrl().resolve("api/models/" + repo.strip() + "/tree/main?recursive=true");
        JsonNode answer = get(url, "the files of " + repo.strip());
        if (!answer.isArray()) {
            throw new RemoteReadException("the Hub's file list for " + repo + " is not a list");
        }
        return group(answer);
    }

    /** The tree's GGUF files as models: shards of one model together, each part's LFS SHA-256 kept. */
    static List<HubModelFile> group(JsonNode tree) {
        Map<String, Entry> files = new TreeMap<>();
        for (JsonNode entry : tree) {
            String path = entry.path("path").asText("");
            if (!"file".equals(entry.path("type").asText("file")) || !path.toLowerCase(Locale.ROOT).endsWith(".gguf")) {
                continue;
            }
            String oid = entry.path("lfs").path("oid").asText("").toLowerCase(Locale.ROOT).replaceFirst("^sha256:", "");
            long size = entry.path("lfs").path("size").asLong(entry.path("size").asLong(0));
            files.put(path, new Entry(path, size, SHA256.matcher(oid).matches() ? oid : null));
        }
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        for (Entry file : files.values()) {
            Matcher m = HubModelFile.SHARD.matcher(file.path());
            String key = m.matches() ? m.group(1) + "|" + m.group(3) : file.path();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(file);
        }
        List<HubModelFile> models = new ArrayList<>();
        for (List<Entry> parts : groups.values()) {
            Matcher m = HubModelFile.SHARD.matcher(parts.getFirst().path());
            if (m.matches() && (Integer.parseInt(m.group(2)) != 1 || parts.size() != Integer.parseInt(m.group(3)))) {
                continue; // an incomplete split cannot be loaded; listing it would only mislead
            }
            long size = parts.stream().mapToLong(Entry::size).sum();
            models.add(new HubModelFile(parts.getFirst().path(), parts.stream().map(Entry::path).toList(), size,
                    parts.stream().map(Entry::sha256).toList(), HubModelFile.quantOf(parts.getFirst().path())));
        }
        return models;
    }

    private record Entry(String path, long size, String sha256) {
    }

    /** The resolve address of one file: {@code base/REPO/resolve/main/FILE}. */
    public URI fileUrl(String repo, String file) {
        checkRepo(repo);
        return hub.resolveUrl(repo, "main", file);
    }

    private static void checkRepo(String repo) {
        if (repo == null || !REPO.matcher(repo.strip()).matches()) {
            throw new IllegalArgumentException("a repository looks like owner/name, e.g. Qwen/Qwen3-8B-GGUF; got: " + repo);
        }
    }

    private JsonNode get(URI url, String what) throws IOException {
        URI current = url;
        for (int hop = 0; hop <= 5; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).GET().timeout(timeout)
                    .header("Accept", "application/json").header("User-Agent", "Breakeven/0.1 (model search)");
            hub.authorization(current).ifPresent(value -> request.header("Authorization", value));
            HttpResponse<InputStream> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteReadException("interrupted: " + what, 0, e);
            } catch (IOException e) {
                throw new RemoteReadException("cannot reach " + current.getHost() + " for " + what + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 0, e);
            }
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status / 100 == 3 && response.headers().firstValue("Location").isPresent()) {
                    current = current.resolve(response.headers().firstValue("Location").get());
                    continue;
                }
                if (status != 200) {
                    throw new RemoteReadException(switch (status) {
                        case 401, 403 -> "HTTP " + status + " for " + what + ": gated or private; set HF_TOKEN or the app's "
                                + HubEndpoint.KEY_FILE + " file";
                        case 404 -> "not found on " + hub.hostLabel() + ": " + what;
                        case 429 -> "the Hub says too many requests (HTTP 429); wait a minute and try again";
                        default -> "the Hub answered HTTP " + status + " for " + what;
                    }, status, null);
                }
                byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
                if (bytes.length > MAX_ANSWER_BYTES) {
                    throw new RemoteReadException("the Hub's answer for " + what + " is larger than "
                            + (MAX_ANSWER_BYTES >> 20) + " MB; refused");
                }
                try {
                    return Json.mapper().readTree(bytes);
                } catch (IOException e) {
                    throw new RemoteReadException("the answer from " + current.getHost() + " for " + what
                            + " is not JSON (is " + hub.hostLabel() + " a Hugging Face Hub?)", status, e);
                }
            }
        }
        throw new RemoteReadException("too many redirects for " + what);
    }

}
