package dev.breakeven.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A GitHub release as the releases API describes it: its tag and its assets. */
public record Release(String tag, List<ReleaseAsset> assets) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Release {
        assets = List.copyOf(assets);
    }

    public Optional<ReleaseAsset> asset(String name) {
        return assets.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /**
     * Parses one release object of the GitHub API ({@code tag_name}, {@code assets[].name/size/digest/browser_download_url}).
     * Fields the app does not use are ignored: GitHub adds fields over time.
     *
     * @throws IOException when the text is not JSON or not a release
     */
    public static Release parse(String json) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("the releases API answered something that is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("tag_name").isTextual()) {
            throw new IOException("the releases API answer has no tag_name: not a release");
        }
        List<ReleaseAsset> assets = new ArrayList<>();
        for (JsonNode a : root.path("assets")) {
            String name = a.path("name").asText("");
            String url = a.path("browser_download_url").asText("");
            if (name.isBlank() || url.isBlank()) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                continue; // an unusable link; the asset cannot be downloaded anyway
            }
            assets.add(new ReleaseAsset(name, a.path("size").asLong(-1),
                    ReleaseAsset.sha256Of(a.path("digest").isTextual() ? a.path("digest").asText() : null), uri));
        }
        return new Release(root.path("tag_name").asText(), assets);
    }
}
