package dev.breakeven.core.hub;

import java.util.List;

/** A repository the Hub's model search returned: {@code id} is "owner/name". */
public record HubRepo(String id, long downloads, long likes, String lastModified, List<String> tags) {
    public HubRepo {
        tags = List.copyOf(tags);
    }
}
