package dev.breakeven.core.chat;

import dev.breakeven.core.power.AnswerEnergy;
import dev.breakeven.core.power.IdleDraw;
import dev.breakeven.core.power.PowerMeters;
import dev.breakeven.core.power.PowerSampler;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * {@link AnswerPower} backed by a {@link PowerSampler} (5 samples a second) on a chosen meter. Before each answer
 * it takes the idle draw ({@link IdleDraw#before}): a sensor is read three times {@code idleGap} apart (kept for
 * {@link #IDLE_KEPT}, so back-to-back answers do not each wait), an estimate gives its modelled idle; the answer's
 * energy above that idle goes with its figures.
 */
public final class SampledAnswerPower implements AnswerPower {
    /** How long a measured idle draw stands for this machine's idle before it is read again. */
    static final Duration IDLE_KEPT = Duration.ofMinutes(1);
    private final PowerSampler sampler;
    private final Duration idleGap;
    private final LongSupplier nanoClock;
    private volatile Double idleWatts;
    private long idleReadAt;
    private boolean idleRead;

    public SampledAnswerPower(PowerSampler sampler) {
        this(sampler, Duration.ofMillis(50), System::nanoTime);
    }

    public SampledAnswerPower(PowerSampler sampler, Duration idleGap, LongSupplier nanoClock) {
        this.sampler = sampler;
        this.idleGap = idleGap;
        this.nanoClock = nanoClock;
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
        idleWatts = idleBefore();
        sampler.start();
    }

    /** Before the sampler starts: a counter meter must not be read by two at once. */
    private synchronized Double idleBefore() {
        long now = nanoClock.getAsLong();
        if (idleRead && now - idleReadAt < IDLE_KEPT.toNanos()) {
            return idleWatts;
        }
        try {
            OptionalDouble idle = IdleDraw.before(sampler.meter(), idleGap);
            idleRead = true;
            idleReadAt = now;
            return idle.isPresent() ? idle.getAsDouble() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public Figures end() {
        AnswerEnergy energy = sampler.stop();
        if (energy.samples() == 0) {
            return new Figures(null, null, energy.source(), energy.measured());
        }
        Double idle = idleWatts;
        return new Figures(energy.averageWatts(), energy.joules(), energy.source(), energy.measured(),
                idle == null ? null : IdleDraw.joulesAboveIdle(energy, idle));
    }

    /** The idle draw the last answer was measured against; empty when none is known. */
    public OptionalDouble idleWatts() {
        Double idle = idleWatts;
        return idle == null ? OptionalDouble.empty() : OptionalDouble.of(idle);
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
