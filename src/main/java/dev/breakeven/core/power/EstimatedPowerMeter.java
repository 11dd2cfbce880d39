package dev.breakeven.core.power;

import java.time.Clock;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The fallback when no sensor answers: {@code idle + (tdp − idle) × load}. Always labelled
 * "estimated" and {@code measured=false}. The load supplier is the CPU load for a CPU estimate; for a
 * GPU doing all the work the caller passes {@code () -> 1.0} while generating.
 */
public final class EstimatedPowerMeter implements PowerMeter {
    /** Every estimate's source starts with this word; the rest names the figure it rests on. */
    public static final String SOURCE = "estimated";

    private final EstimateBasis basis;
    private final DoubleSupplier load;
    private final Clock clock;

    public EstimatedPowerMeter(EstimateBasis basis, DoubleSupplier load, Clock clock) {
        this.basis = basis;
        this.load = load;
        this.clock = clock;
    }

    public EstimateBasis basis() {
        return basis;
    }

    @Override
    public String source() {
        return SOURCE + ": " + basis.figure() + " × load";
    }

    @Override
    public boolean measured() {
        return false;
    }

    @Override
    public Probe probe() {
        return Probe.yes(String.format(java.util.Locale.ROOT,
                "estimate for %s: %.1f W idle + (%.0f W − idle) × load; %s, from %s",
                basis.device(), basis.idleWatts(), basis.tdpWatts(), basis.figure(), basis.tdpSource()));
    }

    @Override
    public Optional<PowerReading> read() {
        return Optional.of(new PowerReading(basis.wattsAt(load.getAsDouble()), source(), false, clock.instant()));
    }
}
