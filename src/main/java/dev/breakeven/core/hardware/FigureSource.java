package dev.breakeven.core.hardware;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a figure came from: read from this machine, looked up in the GPU catalog, or typed by the user. */
public enum FigureSource {
    DETECTED, CATALOG, USER;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
