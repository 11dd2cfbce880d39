package dev.breakeven.core.runtime;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the app wrote down when it installed a runtime, kept as {@code runtime.json} beside it.
 *
 * @param server      the server binary, relative to the runtime folder
 * @param source      the URL or local file it came from
 * @param sha256      the verified digest of the server archive (null for a local archive installed without one)
 * @param files       every unpacked file (relative path → size), to notice one that went missing later
 * @param startMillis the smoke start's time to a healthy server, -1 when none was run
 */
public record RuntimeManifest(String id, String tag, Backend backend, String version, int build, String server,
                              String source, String sha256, String installedAt, long startMillis,
                              Map<String, Long> files) {
    public RuntimeManifest {
        files = files == null ? Map.of() : new TreeMap<>(files);
    }
}
