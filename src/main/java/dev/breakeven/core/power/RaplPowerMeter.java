package dev.breakeven.core.power;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * CPU package power on Linux from the powercap RAPL counters
 * ({@code <powercap>/intel-rapl:N/energy_uj}, also present on AMD Zen). Only top-level zones named
 * {@code package-N} count: core/uncore/dram subzones ({@code intel-rapl:N:M}) are parts of (or
 * beside) the package and {@code psys} already contains it, so adding them would double-count.
 * Watts are the energy delta over the time delta; a counter that passed
 * {@code max_energy_range_uj} wrapped to zero and is unwrapped. Since Linux 5.10 energy_uj is
 * readable by root only, so on most desktops this meter reports "permission denied".
 */
public final class RaplPowerMeter implements PowerMeter {
    public static final String SOURCE = "RAPL";

    private final Path powercapRoot;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private long[] previousEnergy;
    private long previousNanos;

    public RaplPowerMeter(Path powercapRoot, LongSupplier nanoTime, Clock clock) {
        this.powercapRoot = powercapRoot;
        this.nanoTime = nanoTime;
        this.clock = clock;
    }

    public static RaplPowerMeter system() {
        return new RaplPowerMeter(Path.of("/sys/class/powercap"), System::nanoTime, Clock.systemUTC());
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public boolean measured() {
        return true;
    }

    /** The package zones this meter sums, in name order. */
    public List<Path> packageZones() {
        List<Path> zones = new ArrayList<>();
        for (Path zone : SysfsFiles.children(powercapRoot, "intel-rapl:*")) {
            String name = zone.getFileName().toString();
            boolean topLevel = name.indexOf(':') == name.lastIndexOf(':');
            if (topLevel && SysfsFiles.readString(zone.resolve("name")).orElse("").startsWith("package")) {
                zones.add(zone);
            }
        }
        return zones;
    }

    @Override
    public Probe probe() {
        List<Path> zones = packageZones();
        if (zones.isEmpty()) {
            return Probe.no("no RAPL package zone under " + powercapRoot);
        }
        for (Path zone : zones) {
            Path energy = zone.resolve("energy_uj");
            try {
                Long.parseLong(Files.readString(energy).strip());
            } catch (AccessDeniedException e) {
                return Probe.no("RAPL " + energy + " is not readable: permission denied (root-only since Linux 5.10)");
            } catch (IOException | NumberFormatException e) {
                return Probe.no("RAPL " + energy + " could not be read: " + e.getMessage());
            }
        }
        return Probe.yes(zones.size() + " RAPL package zone" + (zones.size() == 1 ? "" : "s") + " under " + powercapRoot);
    }

    @Override
    public synchronized Optional<PowerReading> read() {
        List<Path> zones = packageZones();
        if (zones.isEmpty()) {
            return Optional.empty();
        }
        long now = nanoTime.getAsLong();
        long[] energy = new long[zones.size()];
        long[] range = new long[zones.size()];
        for (int i = 0; i < zones.size(); i++) {
            Optional<Long> value = SysfsFiles.readLong(zones.get(i).resolve("energy_uj"));
            if (value.isEmpty()) {
                previousEnergy = null;
                return Optional.empty();
            }
            energy[i] = value.get();
            range[i] = SysfsFiles.readLong(zones.get(i).resolve("max_energy_range_uj")).orElse(0L);
        }
        long[] before = previousEnergy;
        long beforeNanos = previousNanos;
        previousEnergy = energy;
        previousNanos = now;
        if (before == null || before.length != energy.length || now <= beforeNanos) {
            return Optional.empty();
        }
        double microjoules = 0;
        for (int i = 0; i < energy.length; i++) {
            microjoules += delta(before[i], energy[i], range[i]);
        }
        double seconds = (now - beforeNanos) / 1e9;
        return Optional.of(new PowerReading(microjoules / 1e6 / seconds, SOURCE, true, clock.instant()));
    }

    /** Energy used between two counter values, unwrapping one pass through max_energy_range_uj. */
    static long delta(long before, long after, long maxRange) {
        if (after >= before) {
            return after - before;
        }
        return maxRange > before ? (maxRange - before) + after : after;
    }
}
