package dev.breakeven.core.hardware;

import com.fasterxml.jackson.annotation.JsonValue;

/** The figures of a GPU whose source is tracked one by one. */
public enum GpuFigure {
    VRAM_TOTAL("vramTotalBytes"),
    VRAM_FREE("vramFreeBytes"),
    BANDWIDTH("bandwidthGBps"),
    TDP("tdpWatts"),
    DRIVER("driver");

    private final String field;

    GpuFigure(String field) {
        this.field = field;
    }

    /** The JSON field name of the figure, so a source map reads like the object it describes. */
    @JsonValue
    public String field() {
        return field;
    }
}
