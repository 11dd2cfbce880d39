package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.core.power.AnswerEnergy;
import dev.breakeven.core.power.IdleDraw;
import dev.breakeven.core.power.PowerMeter;
import dev.breakeven.core.power.PowerMeters;
import dev.breakeven.core.power.PowerSampler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** {@code breakeven power [--seconds S] [--tdp W] [--json]}: which power source this machine offers, and a sample. */
@Command(name = "power", mixinStandardHelpOptions = true,
        description = "Find this machine's power source (nvidia-smi, amdgpu hwmon, powermetrics, RAPL or an estimate) and sample it.")
public final class PowerCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "2", description = "How long to sample (default ${DEFAULT-VALUE} s).")
    double seconds;

    @Option(names = "--tdp", description = "Full-load watts for the estimate when no sensor is readable (default: the CPU power catalog's figure for this CPU).")
    Double tdp;

    @Option(names = "--device", defaultValue = "this machine", description = "Name of the device the TDP belongs to.")
    String device;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    PowerCommand(AppServices services) {
        // Power needs no app state; the constructor keeps the command factory uniform.
    }

    /** What {@code --json} prints. */
    public record PowerJson(String source, String label, boolean measured, List<String> reasons, double seconds,
                            int samples, double averageWatts, double peakWatts, double joules, Double idleWatts,
                            Double joulesAboveIdle) {
    }

    @Override
    public void run() {
        if (!(seconds > 0) || seconds > 3600) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be between 0 and 3600");
        }
        if (tdp != null && !(tdp > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tdp must be a positive number of watts");
        }
        // The same choice answers use: a sensor if one answers, else the --tdp estimate, else the CPU catalog's.
        PowerMeters.Detection detection = PowerMeters.forAnswers(
                tdp == null ? OptionalDouble.empty() : OptionalDouble.of(tdp), device);
        List<String> reasons = detection.reasons();
        PowerMeter meter = detection.meter();
        AnswerEnergy energy;
        java.util.OptionalDouble idle;
        try (PowerSampler sampler = new PowerSampler(meter)) {
            // Where a sensor exists, the draw before sampling starts is the idle the window is shown "above".
            idle = IdleDraw.measure(meter, java.time.Duration.ofMillis(100));
            sampler.start();
            Thread.sleep((long) (seconds * 1000));
            energy = sampler.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sampling");
        }
        PrintWriter out = spec.commandLine().getOut();
        PowerJson result = new PowerJson(meter.source(), meter.label(), meter.measured(), reasons, energy.seconds(),
                energy.samples(), energy.averageWatts(), energy.peakWatts(), energy.joules(),
                idle.isPresent() ? idle.getAsDouble() : null,
                idle.isPresent() ? IdleDraw.joulesAboveIdle(energy, idle.getAsDouble()) : null);
        if (json) {
            JsonOutput.print(out, result);
        } else {
            reasons.forEach(r -> out.println("  " + r));
            out.println(String.format(Locale.ROOT, "%.1f W average, %.1f W peak over %.1f s (%d samples): %.1f J — %s",
                    result.averageWatts(), result.peakWatts(), result.seconds(), result.samples(), result.joules(), result.label()));
            if (result.idleWatts() != null) {
                out.println(String.format(Locale.ROOT, "idle before: %.1f W; %.1f J above idle", result.idleWatts(),
                        result.joulesAboveIdle()));
            }
        }
        out.flush();
    }
}
