package dev.breakeven.core.hardware;

import java.util.List;
import java.util.Optional;

/** Looks up published GPU figures; implemented over the GPU catalog where the app is wired. */
public interface GpuReferences {
    /** The catalog entry for a detected name; VRAM (bytes, may be null) separates same-named variants. */
    Optional<GpuReference> match(String detectedName, Long vramBytes);

    Optional<GpuReference> byId(String id);

    /** Every card a user may add as a "what-if" card. */
    List<GpuReference> all();

    static GpuReferences none() {
        return new GpuReferences() {
            @Override
            public Optional<GpuReference> match(String detectedName, Long vramBytes) {
                return Optional.empty();
            }

            @Override
            public Optional<GpuReference> byId(String id) {
                return Optional.empty();
            }

            @Override
            public List<GpuReference> all() {
                return List.of();
            }
        };
    }
}
