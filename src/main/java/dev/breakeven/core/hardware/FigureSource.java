package dev.breakeven.core.hardware;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where a figure came from: read from this machine, looked up in the GPU catalog, typed by the user, or measured
 * on this machine by the app (RAM bandwidth), or calibrated from one real decode run on this machine.
 */
public enum FigureSource {
    DETECTED, CATALOG, USER, MEASURED, CALIBRATED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
