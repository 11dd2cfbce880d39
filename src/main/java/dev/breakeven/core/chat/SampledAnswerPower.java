package dev.breakeven.core.chat;

import dev.breakeven.core.power.AnswerEnergy;
import dev.breakeven.core.power.CpuLoad;
import dev.breakeven.core.power.EstimateBasis;
import dev.breakeven.core.power.EstimatedPowerMeter;
import dev.breakeven.core.power.PowerMeter;
import dev.breakeven.core.power.PowerMeters;
import dev.breakeven.core.power.PowerSampler;

import java.time.Clock;
import java.util.OptionalDouble;

/** {@link AnswerPower} backed by a {@link PowerSampler} (5 samples a second) on a chosen meter. */
public final class SampledAnswerPower implements AnswerPower {
    private final PowerSampler sampler;

    public SampledAnswerPower(PowerSampler sampler) {
        this.sampler = sampler;
    }

    /**
     * The best meter on this machine; when only an estimate is possible it needs the device's TDP
     * ({@code estimateTdpWatts}, from the user or a catalog), and without one there are no power figures.
     */
    public static AnswerPower forThisMachine(OptionalDouble estimateTdpWatts, String device) {
        for (PowerMeter meter : PowerMeters.systemCandidates(System.getProperty("os.name", ""), PowerSampler.DEFAULT_PERIOD)) {
            try {
                if (meter.probe().available()) {
                    return new SampledAnswerPower(new PowerSampler(meter));
                }
            } catch (RuntimeException e) {
                // a meter that fails to probe is simply not used
            }
        }
        if (estimateTdpWatts.isPresent() && estimateTdpWatts.getAsDouble() > 0) {
            EstimateBasis basis = EstimateBasis.ofTdp(device, estimateTdpWatts.getAsDouble(), "user");
            return new SampledAnswerPower(new PowerSampler(
                    new EstimatedPowerMeter(basis, CpuLoad.system(), Clock.systemUTC())));
        }
        return AnswerPower.none();
    }

    @Override
    public void begin() {
        sampler.start();
    }

    @Override
    public Figures end() {
        AnswerEnergy energy = sampler.stop();
        if (energy.samples() == 0) {
            return new Figures(null, null, energy.source(), energy.measured());
        }
        return new Figures(energy.averageWatts(), energy.joules(), energy.source(), energy.measured());
    }

    @Override
    public OptionalDouble liveWatts() {
        return sampler.latestWatts();
    }

    @Override
    public OptionalDouble liveJoules() {
        AnswerEnergy energy = sampler.energySoFar();
        return energy.samples() == 0 ? OptionalDouble.empty() : OptionalDouble.of(energy.joules());
    }

    @Override
    public String label() {
        return sampler.meter().label();
    }
}
