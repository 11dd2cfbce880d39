package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.MemoryParts;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** A stacked bar: weights, KV cache, buffers and free space against a capacity (VRAM or RAM). */
final class MemoryBar extends VBox {
    /** Binary units, as the Hardware and Compare pages show memory (a "24 GB" card holds 24 GiB). */
    private static final double GIB = 1024.0 * 1024 * 1024;

    private final Label caption = new Label();
    private final HBox bar = new HBox();

    MemoryBar(String id) {
        setId(id);
        getStyleClass().add("memory-bar");
        caption.getStyleClass().add("muted");
        bar.getStyleClass().add("memory-bar-track");
        bar.setMinHeight(18);
        bar.setPrefHeight(18);
        setSpacing(4);
        setPadding(new Insets(2, 0, 2, 0));
        getChildren().addAll(caption, bar);
    }

    void show(String what, MemoryParts parts, long capacity) {
        long used = parts.total();
        long free = Math.max(0, capacity - used);
        caption.setText(String.format(Locale.ROOT, "%s: %.1f of %.1f GiB (weights %.1f, KV %.1f, buffers %.1f)%s",
                what, used / GIB, capacity / GIB, parts.weightsBytes() / GIB, parts.kvCacheBytes() / GIB,
                (parts.computeBytes() + parts.overheadBytes()) / GIB, used > capacity ? " — over" : ""));
        bar.getChildren().setAll(
                segment("mem-weights", "weights", parts.weightsBytes(), Math.max(capacity, used)),
                segment("mem-kv", "KV cache", parts.kvCacheBytes(), Math.max(capacity, used)),
                segment("mem-buffers", "compute buffer and runtime", parts.computeBytes() + parts.overheadBytes(),
                        Math.max(capacity, used)),
                segment("mem-free", "free", free, Math.max(capacity, used)));
    }

    private Region segment(String style, String name, long bytes, long scale) {
        Region r = new Region();
        r.getStyleClass().addAll("mem-segment", style);
        double share = scale > 0 ? (double) bytes / scale : 0;
        r.prefWidthProperty().bind(bar.widthProperty().multiply(share));
        r.setMinWidth(0);
        HBox.setHgrow(r, Priority.NEVER);
        Tooltip.install(r, new Tooltip(String.format(Locale.ROOT, "%s %.2f GiB", name, bytes / GIB)));
        return r;
    }
}
