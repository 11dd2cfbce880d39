package dev.breakeven.core.power;

import dev.breakeven.core.hardware.ToolOutput;
import dev.breakeven.core.hardware.ToolRunner;

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
        return switch (runner().run(command())) {
            case ToolOutput.NotFound n -> Probe.no("nvidia-smi not found (" + executable + ")");
            case ToolOutput.TimedOut t -> Probe.no("nvidia-smi did not answer within " + t.millis() + " ms");
            case ToolOutput.Failed f -> Probe.no("nvidia-smi failed with exit code " + f.exitCode()
                    + " (no NVIDIA driver or GPU?)");
            case ToolOutput.Ok ok -> {
                if (parse(ok.stdout()).isEmpty()) {
                    yield Probe.no("nvidia-smi gave no power figure (power.draw is [N/A] on this card)");
                }
                int gpus = ok.stdout().strip().split("\\R").length;
                yield Probe.yes("nvidia-smi reports power.draw for " + gpus + " GPU" + (gpus == 1 ? "" : "s"));
            }
        };
    }

    @Override
    public Optional<PowerReading> read() {
        if (!(runner().run(command()) instanceof ToolOutput.Ok ok)) {
            return Optional.empty();
        }
        OptionalDouble watts = parse(ok.stdout());
        return watts.isPresent()
                ? Optional.of(new PowerReading(watts.getAsDouble(), SOURCE, true, clock.instant()))
                : Optional.empty();
    }

    private ToolRunner runner() {
        return new ToolRunner(ToolRunner.pathOf(System.getenv("PATH")), timeout);
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
