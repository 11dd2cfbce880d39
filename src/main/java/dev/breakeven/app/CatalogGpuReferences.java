package dev.breakeven.app;

import dev.breakeven.core.hardware.GpuReference;
import dev.breakeven.core.hardware.GpuReferences;
import dev.breakeven.core.hardware.GpuVendor;
import dev.breakeven.core.hardware.HardwareDetector;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.core.models.CatalogGpu;

import java.util.List;
import java.util.Optional;

/**
 * Lets hardware detection use the GPU catalog without core.hardware depending on core.models
 * (hardware sits at the bottom of the package graph; the app wires the two together).
 */
public final class CatalogGpuReferences implements GpuReferences {
    private final GpuCatalog catalog;

    public CatalogGpuReferences(GpuCatalog catalog) {
        this.catalog = catalog;
    }

    /** The detector for this machine, matched against the shipped catalog. */
    public static HardwareDetector detector() {
        return HardwareDetector.forThisMachine(new CatalogGpuReferences(GpuCatalog.load()));
    }

    @Override
    public Optional<GpuReference> match(String detectedName, Long vramBytes) {
        return catalog.match(detectedName, vramBytes).map(CatalogGpuReferences::reference);
    }

    @Override
    public Optional<GpuReference> byId(String id) {
        return catalog.byId(id).map(CatalogGpuReferences::reference);
    }

    @Override
    public List<GpuReference> all() {
        return catalog.all().stream().map(CatalogGpuReferences::reference).toList();
    }

    static GpuReference reference(CatalogGpu spec) {
        return new GpuReference(spec.id(), spec.name(), GpuVendor.fromText(spec.vendor()), spec.vramBytes(),
                spec.bandwidthGBps(), spec.tdpWatts(), spec.unifiedMemory());
    }
}
