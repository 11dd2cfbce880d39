package dev.breakeven.core.hardware;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * This machine's hardware profile as the user corrected it: detected once, the saved overrides (the Hardware page's
 * figures, what-if cards, measured bandwidth) applied, and every later correction told to the subscribers. The app
 * holds one, so the Fit, Compare, Models and Runtime pages plan for the machine the Hardware page shows.
 *
 * <p>Thread-safe. {@link #get()} detects on the calling thread the first time (seconds: never call it on the FX
 * thread); {@link #useOverrides} only swaps a value and tells the subscribers, so the FX thread may call it.
 * Subscribers are called on the thread that made the change and must hand the work to their own thread.
 */
public final class ThisMachine implements Supplier<HardwareProfile> {
    private final Supplier<HardwareDetector> detectorFactory;
    private final OverridesStore store;
    private final Object detecting = new Object();
    private final List<Consumer<HardwareProfile>> subscribers = new CopyOnWriteArrayList<>();
    private volatile HardwareDetector detector;
    private volatile HardwareProfile detected;
    private volatile OverridesStore.Loaded loaded;
    private volatile HardwareOverrides overrides;

    /**
     * @param detectorFactory builds the detector when first needed (loading the GPU catalog is slow)
     * @param store           where the user's corrections are kept
     */
    public ThisMachine(Supplier<HardwareDetector> detectorFactory, OverridesStore store) {
        this.detectorFactory = detectorFactory;
        this.store = store;
    }

    /** The detector, built on first use (slow: call off the FX thread). */
    public HardwareDetector detector() {
        HardwareDetector d = detector;
        if (d == null) {
            synchronized (detecting) {
                if (detector == null) {
                    detector = detectorFactory.get();
                }
                d = detector;
            }
        }
        return d;
    }

    public OverridesStore store() {
        return store;
    }

    /** The profile with the user's corrections; detects and reads the overrides file the first time (blocking). */
    @Override
    public HardwareProfile get() {
        return detector().apply(detected(), overrides());
    }

    /** The profile when already detected, without blocking. */
    public Optional<HardwareProfile> known() {
        HardwareProfile d = detected;
        HardwareOverrides o = overrides;
        return d == null || o == null ? Optional.empty() : Optional.of(detector.apply(d, o));
    }

    /** The profile as detected, before the user's corrections; detects the first time (blocking). */
    public HardwareProfile detected() {
        HardwareProfile d = detected;
        if (d != null) {
            return d;
        }
        boolean fresh = false;
        synchronized (detecting) {
            if (detected == null) {
                detected = detector().detect();
                fresh = true;
            }
            d = detected;
        }
        if (fresh) {
            loadedOverrides();
            tell();
        }
        return d;
    }

    /** Detects again ("Detect again" on the Hardware page) and tells the subscribers (blocking). */
    public HardwareProfile detectAgain() {
        HardwareProfile d;
        synchronized (detecting) {
            d = detector().detect();
            detected = d;
        }
        loadedOverrides();
        tell();
        return d;
    }

    /** What the overrides file held when first read, with its note when it was damaged (reads it once). */
    public OverridesStore.Loaded loadedOverrides() {
        OverridesStore.Loaded l = loaded;
        if (l == null) {
            synchronized (store) {
                if (loaded == null) {
                    loaded = store.load();
                    if (overrides == null) {
                        overrides = loaded.overrides();
                    }
                }
                l = loaded;
            }
        }
        return l;
    }

    /** The corrections in use: the file's until the user changes them. */
    public HardwareOverrides overrides() {
        HardwareOverrides o = overrides;
        return o != null ? o : loadedOverrides().overrides();
    }

    /**
     * Uses new corrections from now on and tells the subscribers (when detection has run). Saving them is the
     * caller's business: the Hardware page writes the file in the background.
     */
    public void useOverrides(HardwareOverrides next) {
        HardwareOverrides before = overrides;
        overrides = next;
        if (!next.equals(before)) {
            tell();
        }
    }

    /**
     * Calls {@code subscriber} with every new profile (a detection, a correction) from now on, on the thread that
     * made the change. Returns what ends the subscription.
     */
    public Runnable subscribe(Consumer<HardwareProfile> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    private void tell() {
        known().ifPresent(profile -> subscribers.forEach(s -> s.accept(profile)));
    }
}
