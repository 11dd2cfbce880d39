package dev.breakeven.core.chat;

import dev.breakeven.core.power.AnswerEnergy;
import dev.breakeven.core.power.PowerMeters;
import dev.breakeven.core.power.PowerSampler;

import java.util.OptionalDouble;

/** {@link AnswerPower} backed by a {@link PowerSampler} (5 samples a second) on a chosen meter. */
public final class SampledAnswerPower implements AnswerPower {
    private final PowerSampler sampler;

    public SampledAnswerPower(PowerSampler sampler) {
        this.sampler = sampler;
    }

    /**
     * The best meter on this machine; when no sensor answers, an estimate from the TDP the user gave
     * ({@code estimateTdpWatts}) or else from the CPU power catalog, labelled with the figure it rests on.
     */
    public static AnswerPower forThisMachine(OptionalDouble estimateTdpWatts, String device) {
        return new SampledAnswerPower(new PowerSampler(PowerMeters.forAnswers(estimateTdpWatts, device).meter()));
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
