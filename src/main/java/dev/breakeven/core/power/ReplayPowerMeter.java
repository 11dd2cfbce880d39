package dev.breakeven.core.power;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Plays back a recorded sequence of watts, one per read, then keeps answering the last one.
 * For replaying a stored answer's power trace and for tests that need a known sequence.
 * A {@code NaN} entry stands for a sample the source could not give (read answers empty).
 */
public final class ReplayPowerMeter implements PowerMeter {
    private final String source;
    private final boolean measured;
    private final List<Double> watts;
    private final Clock clock;
    private int next;

    public ReplayPowerMeter(String source, boolean measured, List<Double> watts, Clock clock) {
        if (watts.isEmpty()) {
            throw new IllegalArgumentException("a replay needs at least one value");
        }
        this.source = source;
        this.measured = measured;
        this.watts = List.copyOf(watts);
        this.clock = clock;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public boolean measured() {
        return measured;
    }

    @Override
    public Probe probe() {
        return Probe.yes("replay of " + watts.size() + " recorded values from " + source);
    }

    @Override
    public synchronized Optional<PowerReading> read() {
        double value = watts.get(Math.min(next, watts.size() - 1));
        next++;
        return Double.isNaN(value) ? Optional.empty() : Optional.of(new PowerReading(value, source, measured, clock.instant()));
    }

    /** How many reads have been made. */
    public synchronized int reads() {
        return next;
    }
}
