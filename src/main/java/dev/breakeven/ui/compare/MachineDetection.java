package dev.breakeven.ui.compare;

import dev.breakeven.core.hardware.HardwareProfile;
import javafx.concurrent.Task;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** This machine's profile for the "This machine" option: detected once, in the background, when first picked. */
final class MachineDetection {
    private final Executor background;
    private final Supplier<HardwareProfile> detector;
    private volatile HardwareProfile profile;
    private boolean detecting;

    MachineDetection(Executor background, Supplier<HardwareProfile> detector) {
        this.background = background;
        this.detector = detector;
    }

    /** The detected (or restored) profile; null until there is one. */
    HardwareProfile profile() {
        return profile;
    }

    /** A profile read back from a scenario stands in for detection. */
    void restore(HardwareProfile restored) {
        profile = restored;
    }

    /** The profile, detecting it on the calling thread when there is none yet (for reading scenario files). */
    HardwareProfile profileOrDetectNow() {
        return profile != null ? profile : detector.get();
    }

    /**
     * Starts detection on the background executor unless it is already running; on the FX thread afterwards,
     * keeps the profile and runs onDetected, or passes the failure's message to onFailed.
     */
    void start(Runnable onDetected, Consumer<String> onFailed) {
        if (detecting) {
            return;
        }
        detecting = true;
        Task<HardwareProfile> task = new Task<>() {
            @Override
            protected HardwareProfile call() {
                return detector.get();
            }
        };
        task.setOnSucceeded(e -> {
            profile = task.getValue();
            detecting = false;
            onDetected.run();
        });
        task.setOnFailed(e -> {
            detecting = false;
            onFailed.accept(task.getException().getMessage());
        });
        background.execute(task);
    }
}
