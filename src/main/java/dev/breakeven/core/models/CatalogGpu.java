package dev.breakeven.core.models;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;

/**
 * Published figures for one GPU or unified-memory chip, from the GPU catalog.
 *
 * @param vramGiB          memory in GiB (2^30 bytes); for unified chips the largest configuration. Read from the
 *                         catalog's {@code vramGiB}, or {@code vramGB} as older files and branches spell it
 * @param fp16TensorTflops dense FP16 matrix throughput, null where the chip has no fast FP16 path
 * @param launchPriceUsd   launch MSRP, null when sold only inside systems or never list-priced
 * @param launchDate       year and month, {@code YYYY-MM}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogGpu(String id, String name, String vendor, Kind kind,
                         @JsonAlias("vramGB") double vramGiB, double bandwidthGBps,
                         Double fp16TensorTflops, Integer tdpWatts, Integer launchPriceUsd, String launchDate,
                         List<String> aliases, String source, String checked, String notes) {

    private static final long GIB = 1024L * 1024L * 1024L;

    public CatalogGpu {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public long vramBytes() {
        return Math.round(vramGiB * GIB);
    }

    public boolean unifiedMemory() {
        return kind == Kind.UNIFIED;
    }

    public enum Kind {
        DISCRETE, UNIFIED, DATACENTER;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
