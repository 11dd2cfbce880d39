package dev.breakeven.core.power;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Board power of every NVIDIA GPU, summed, from
 * {@code nvidia-smi --query-gpu=power.draw --format=csv,noheader,nounits} (one line of watts per GPU).
 * A GPU that reports "[N/A]" (some GeForce cards) or any line that is not a number makes the whole
 * reading unavailable rather than silently smaller.
 */
public final class NvidiaSmiPowerMeter implements PowerMeter {
    public static final String SOURCE = "nvidia-smi";
    static final List<String> QUERY = List.of("--query-gpu=power.draw", "--format=csv,noheader,nounits");

    private final String executable;
    private final Duration timeout;
    private final Clock clock;

    /** @param executable "nvidia-smi" (found on PATH) or a full path; tests pass a script */
    public NvidiaSmiPowerMeter(String executable, Duration timeout, Clock clock) {
        this.executable = executable;
        this.timeout = timeout;
        this.clock = clock;
    }

    public static NvidiaSmiPowerMeter onPath() {
        return new NvidiaSmiPowerMeter("nvidia-smi", Duration.ofSeconds(2), Clock.systemUTC());
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public boolean measured() {
        return true;
    }

    @Override
    public Probe probe() {
        ToolRunner.Result result;
        try {
            result = ToolRunner.run(command(), timeout);
        } catch (IOException e) {
            return Probe.no("nvidia-smi not found (" + executable + ")");
        }
        if (result.timedOut()) {
            return Probe.no("nvidia-smi did not answer within " + timeout.toMillis() + " ms");
        }
        if (result.exitCode() != 0) {
            return Probe.no("nvidia-smi failed with exit code " + result.exitCode() + " (no NVIDIA driver or GPU?)");
        }
        OptionalDouble watts = parse(result.stdout());
        if (watts.isEmpty()) {
            return Probe.no("nvidia-smi gave no power figure (power.draw is [N/A] on this card)");
        }
        int gpus = result.stdout().strip().split("\\R").length;
        return Probe.yes("nvidia-smi reports power.draw for " + gpus + " GPU" + (gpus == 1 ? "" : "s"));
    }

    @Override
    public Optional<PowerReading> read() {
        try {
            ToolRunner.Result result = ToolRunner.run(command(), timeout);
            if (!result.ok()) {
                return Optional.empty();
            }
            OptionalDouble watts = parse(result.stdout());
            return watts.isPresent()
                    ? Optional.of(new PowerReading(watts.getAsDouble(), SOURCE, true, clock.instant()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    List<String> command() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(executable), QUERY.stream()).toList();
    }

    /** Sum of the watts on each line; empty when there is no line or any line is not a number. */
    static OptionalDouble parse(String output) {
        if (output == null || output.isBlank()) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        for (String line : output.strip().split("\\R")) {
            String value = line.strip();
            // Some driver versions append the unit even with nounits; accept "123.45 W".
            if (value.endsWith("W")) {
                value = value.substring(0, value.length() - 1).strip();
            }
            try {
                double watts = Double.parseDouble(value);
                if (!Double.isFinite(watts) || watts < 0) {
                    return OptionalDouble.empty();
                }
                sum += watts;
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.of(sum);
    }
}
