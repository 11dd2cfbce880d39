package dev.breakeven.core.power;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * GPU board and CPU package together, e.g. "nvidia-smi + RAPL": what a partly offloaded model draws on
 * both sides. Only meters of different devices may be combined (a GPU board meter and the CPU package
 * never overlap; RAPL psys or two CPU meters would). A reading needs every part: a missing part makes
 * the sum unavailable rather than silently smaller.
 */
public final class SummedPowerMeter implements PowerMeter {
    private final List<PowerMeter> parts;
    private final String source;
    private final Clock clock;

    public SummedPowerMeter(List<PowerMeter> parts, Clock clock) {
        if (parts.size() < 2) {
            throw new IllegalArgumentException("a sum needs at least two meters");
        }
        for (PowerMeter part : parts) {
            if (!part.measured() || part instanceof SummedPowerMeter) {
                throw new IllegalArgumentException("only measured single sources can be summed: " + part.source());
            }
        }
        this.parts = List.copyOf(parts);
        this.source = parts.stream().map(PowerMeter::source).collect(Collectors.joining(" + "));
        this.clock = clock;
    }

    public List<PowerMeter> parts() {
        return parts;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public boolean measured() {
        return true;
    }

    @Override
    public Probe probe() {
        List<String> reasons = new ArrayList<>();
        for (PowerMeter part : parts) {
            Probe probe = part.probe();
            if (!probe.available()) {
                return Probe.no(part.source() + ": " + probe.reason());
            }
            reasons.add(probe.reason());
        }
        return Probe.yes(String.join(" + ", reasons));
    }

    @Override
    public Optional<PowerReading> read() {
        double watts = 0;
        boolean complete = true;
        // Every part is read each time, so counter meters (RAPL) stay primed even when another part fails.
        for (PowerMeter part : parts) {
            Optional<PowerReading> reading = part.read();
            if (reading.isEmpty()) {
                complete = false;
            } else {
                watts += reading.get().watts();
            }
        }
        return complete ? Optional.of(new PowerReading(watts, source, true, clock.instant())) : Optional.empty();
    }
}
