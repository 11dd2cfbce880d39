package dev.breakeven.ui.compare;

import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.ui.common.TaskExecutor;

import java.util.function.Consumer;
import java.util.function.Supplier;

/** This machine's profile for the "This machine" option: detected once, in the background, when first picked. */
final class MachineDetection {
    private final TaskExecutor tasks;
    private final Supplier<HardwareProfile> detector;
    private volatile HardwareProfile profile;
    private boolean detecting;

    MachineDetection(TaskExecutor tasks, Supplier<HardwareProfile> detector) {
        this.tasks = tasks;
        this.detector = detector;
    }

    /** The detected (or restored) profile; null until there is one. */
    HardwareProfile profile() {
        return profile;
    }

    /** A profile read back from a scenario, or a correction made on the Hardware page, stands in for detection. */
    void restore(HardwareProfile restored) {
        profile = restored;
    }

    /** The profile, detecting it on the calling thread when there is none yet (for reading scenario files: background only). */
    HardwareProfile profileOrDetectNow() {
        return profile != null ? profile : detector.get();
    }

    /**
     * Starts detection in the background unless it is already running; on the UI thread afterwards,
     * keeps the profile and runs onDetected, or passes the failure's message to onFailed.
     */
    void start(Runnable onDetected, Consumer<String> onFailed) {
        if (detecting) {
            return;
        }
        detecting = true;
        tasks.run(detector::get, found -> {
            if (profile == null) { // a correction or a scenario that arrived meanwhile is newer
                profile = found;
            }
            detecting = false;
            onDetected.run();
        }, e -> {
            detecting = false;
            onFailed.accept(e.getMessage());
        });
    }
}
