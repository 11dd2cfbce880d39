package dev.breakeven.core.power;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Samples a {@link PowerMeter} on a virtual thread while an answer is generated (5 times a second by
 * default), exposes the latest watts for the live display, and integrates the samples into the
 * answer's joules. {@link #start()} when generation starts, {@link #stop()} when it ends; one
 * sampler can measure many answers in turn. All methods are thread-safe.
 */
public final class PowerSampler implements AutoCloseable {
    /** 5 Hz: above the 4 Hz the display needs, cheap enough for a process-spawning meter. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(200);

    private final PowerMeter meter;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    private final Object lock = new Object();
    private EnergyIntegrator integrator;
    private PowerReading latest;
    private Thread thread;

    public PowerSampler(PowerMeter meter) {
        this(meter, DEFAULT_PERIOD, System::nanoTime);
    }

    public PowerSampler(PowerMeter meter, Duration period, LongSupplier nanoClock) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("sampling period must be positive");
        }
        this.meter = meter;
        this.periodNanos = period.toNanos();
        this.nanoClock = nanoClock;
    }

    public PowerMeter meter() {
        return meter;
    }

    /** Begins a new answer: resets the energy, takes a first sample, and samples in the background. */
    public void start() {
        synchronized (lock) {
            if (thread != null) {
                throw new IllegalStateException("the sampler is already running");
            }
            begin();
            thread = Thread.ofVirtual().name("power-sampler-" + meter.source()).start(this::loop);
        }
    }

    /** Ends the answer: stops sampling, takes a last sample, and returns the answer's energy. */
    public AnswerEnergy stop() {
        Thread running;
        synchronized (lock) {
            running = thread;
            thread = null;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return finish();
    }

    public boolean isRunning() {
        synchronized (lock) {
            return thread != null;
        }
    }

    /** The most recent watts, empty before the first successful sample. */
    public OptionalDouble latestWatts() {
        synchronized (lock) {
            return latest == null ? OptionalDouble.empty() : OptionalDouble.of(latest.watts());
        }
    }

    public Optional<PowerReading> latestReading() {
        synchronized (lock) {
            return Optional.ofNullable(latest);
        }
    }

    /** The energy of the current (or last) answer up to now, for a live joules figure. */
    public AnswerEnergy energySoFar() {
        synchronized (lock) {
            return integrator == null
                    ? AnswerEnergy.none(meter.source(), meter.measured())
                    : integrator.result(nanoClock.getAsLong(), meter.source(), meter.measured());
        }
    }

    @Override
    public void close() {
        if (isRunning()) {
            stop();
        }
    }

    /** Starts a window without the background thread (tests drive it with {@link #sampleOnce()}). */
    void begin() {
        synchronized (lock) {
            integrator = new EnergyIntegrator(nanoClock.getAsLong());
        }
        sampleOnce();
    }

    /** Reads the meter once and adds the figure; the meter is read outside the lock, it may block. */
    void sampleOnce() {
        Optional<PowerReading> reading;
        try {
            reading = meter.read();
        } catch (RuntimeException e) {
            reading = Optional.empty();
        }
        if (reading.isEmpty()) {
            return;
        }
        synchronized (lock) {
            latest = reading.get();
            if (integrator != null) {
                integrator.add(nanoClock.getAsLong(), reading.get().watts());
            }
        }
    }

    AnswerEnergy finish() {
        sampleOnce();
        synchronized (lock) {
            AnswerEnergy energy = energySoFar();
            integrator = null;
            return energy;
        }
    }

    private void loop() {
        long next = System.nanoTime() + periodNanos;
        while (!Thread.currentThread().isInterrupted()) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            next += periodNanos;
            // A slow meter must not make the sampler try to catch up with a burst of reads.
            next = Math.max(next, System.nanoTime());
            sampleOnce();
        }
    }
}
