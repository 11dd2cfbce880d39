package dev.breakeven.core.power;

import dev.breakeven.core.hardware.ToolOutput;
import dev.breakeven.core.hardware.ToolRunner;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apple Silicon SoC power from {@code powermetrics --samplers cpu_power,gpu_power -i N -n 1}, which
 * needs root: the default command runs it through {@code sudo -n} so a Mac without a sudoers rule
 * fails fast and the app falls back to an estimate instead of asking for a password.
 * Uses "Combined Power (CPU + GPU + ANE)" when printed, else the sum of the first CPU, GPU and ANE
 * lines (some macOS versions omit the combined line, and the GPU section repeats "GPU Power").
 */
public final class AppleSiliconPowerMeter implements PowerMeter {
    public static final String SOURCE = "powermetrics";
    private static final Pattern LINE = Pattern.compile(
            "^\\s*(Combined Power|CPU Power|GPU Power|ANE Power)[^:]*:\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(mW|W)\\s*$",
            Pattern.MULTILINE);

    private final List<String> command;
    private final Duration timeout;
    private final Clock clock;

    public AppleSiliconPowerMeter(List<String> command, Duration timeout, Clock clock) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.clock = clock;
    }

    /** {@code sudo -n powermetrics ... -i intervalMs -n 1}: one sample per call. */
    public static AppleSiliconPowerMeter withSudo(Duration interval) {
        long ms = Math.max(50, interval.toMillis());
        return new AppleSiliconPowerMeter(
                List.of("sudo", "-n", "powermetrics", "--samplers", "cpu_power,gpu_power", "-i", Long.toString(ms), "-n", "1"),
                Duration.ofMillis(ms + 2000), Clock.systemUTC());
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
        return switch (runner().run(command)) {
            case ToolOutput.NotFound n -> Probe.no("powermetrics not available (" + command.getFirst() + " not found)");
            case ToolOutput.TimedOut t -> Probe.no("powermetrics did not answer within " + t.millis() + " ms");
            case ToolOutput.Failed f -> Probe.no("powermetrics not permitted (needs root: add a sudoers rule for it)");
            case ToolOutput.Ok ok -> parse(ok.stdout()).isPresent()
                    ? Probe.yes("powermetrics reports SoC power")
                    : Probe.no("powermetrics printed no CPU/GPU power lines");
        };
    }

    @Override
    public Optional<PowerReading> read() {
        if (!(runner().run(command) instanceof ToolOutput.Ok ok)) {
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

    /** Watts from one powermetrics sample's text; empty when it has no power line. */
    static OptionalDouble parse(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        Double combined = null;
        Double cpu = null;
        Double gpu = null;
        Double ane = null;
        Matcher m = LINE.matcher(text);
        while (m.find()) {
            double watts = Double.parseDouble(m.group(2)) * (m.group(3).equals("mW") ? 1e-3 : 1.0);
            switch (m.group(1)) {
                case "Combined Power" -> combined = combined == null ? watts : combined;
                case "CPU Power" -> cpu = cpu == null ? watts : cpu;
                case "GPU Power" -> gpu = gpu == null ? watts : gpu;
                default -> ane = ane == null ? watts : ane;
            }
        }
        if (combined != null) {
            return OptionalDouble.of(combined);
        }
        if (cpu == null && gpu == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(zeroIfNull(cpu) + zeroIfNull(gpu) + zeroIfNull(ane));
    }

    private static double zeroIfNull(Double value) {
        return value == null ? 0 : value;
    }
}
