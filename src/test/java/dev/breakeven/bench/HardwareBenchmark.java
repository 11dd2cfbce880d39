package dev.breakeven.bench;

import dev.breakeven.app.AppServices;
import dev.breakeven.app.CatalogGpuReferences;
import dev.breakeven.app.PageRegistry;
import dev.breakeven.core.hardware.HardwareDetector;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.ui.hardware.HardwarePage;
import dev.breakeven.ui.shell.MainWindow;
import dev.breakeven.ui.shell.PageId;
import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Hardware detection time (cold: first detection in a fresh JVM; warm: median of later ones) and the app's
 * time to first window and to a filled Hardware page, each cold figure the median of fresh JVMs.
 * Run: {@code ./mvnw -o -q test-compile exec:exec -Dbench=HardwareBenchmark}
 * (environment variable {@code BENCH_SCREENSHOT=FILE.png} saves the window at 1024×700).
 */
public final class HardwareBenchmark {
    private static final int FRESH_JVMS = 3;
    private static final int WARM_RUNS = 10;

    private HardwareBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("detect")) {
            detectOnce();
            return;
        }
        if (args.length > 0 && args[0].equals("window")) {
            windowOnce(args.length > 1 ? args[1] : null);
            return;
        }
        List<double[]> detect = new ArrayList<>();
        List<double[]> window = new ArrayList<>();
        for (int i = 0; i < FRESH_JVMS; i++) {
            detect.add(child("detect"));
            window.add(child("window", i == 0 ? System.getenv().getOrDefault("BENCH_SCREENSHOT", "") : ""));
        }
        System.out.println("HardwareBenchmark on " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + System.getProperty("os.name") + ", Java " + Runtime.version() + " (medians of " + FRESH_JVMS + " fresh JVMs)");
        System.out.printf(Locale.ROOT, "  detection, cold (first in a JVM):        %7.1f ms%n", median(detect, 0));
        System.out.printf(Locale.ROOT, "  detection, warm (median of %d):          %7.1f ms%n", WARM_RUNS, median(detect, 1));
        System.out.printf(Locale.ROOT, "  first window shown, from JVM start:      %7.1f ms%n", median(window, 0));
        System.out.printf(Locale.ROOT, "  first window shown, from main():         %7.1f ms%n", median(window, 1));
        System.out.printf(Locale.ROOT, "  hardware page filled, after window:      %7.1f ms%n", median(window, 2));
        System.out.printf(Locale.ROOT, "    of which: JavaFX start %.0f ms, build window + page %.0f ms, show %.0f ms%n",
                median(window, 3), median(window, 4), median(window, 5));
        System.out.println("  targets: first window < 2000 ms, page filled < 1000 ms after it");
    }

    private static void detectOnce() {
        HardwareDetector detector = CatalogGpuReferences.detector();
        long start = System.nanoTime();
        HardwareProfile profile = detector.detect();
        double cold = (System.nanoTime() - start) / 1e6;
        double[] warm = new double[WARM_RUNS];
        for (int i = 0; i < WARM_RUNS; i++) {
            long s = System.nanoTime();
            detector.detect();
            warm[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(warm);
        System.out.println("RESULT " + cold + " " + warm[WARM_RUNS / 2] + " " + profile.cpu().model().replace(' ', '_'));
    }

    private static void windowOnce(String screenshot) throws Exception {
        long mainStart = System.nanoTime();
        double sinceJvm = ManagementFactory.getRuntimeMXBean().getUptime();
        Path home = Files.createTempDirectory("breakeven-bench");
        CountDownLatch shown = new CountDownLatch(1);
        CountDownLatch filled = new CountDownLatch(1);
        long[] times = new long[4];
        AppServices services = AppServices.forTest(home);
        Platform.startup(() -> {
            times[2] = System.nanoTime();
            Stage stage = new Stage();
            MainWindow window = new MainWindow(PageRegistry.create(services), services.dirs());
            HardwarePage page = (HardwarePage) window.page(PageId.HARDWARE);
            stage.setOnShown(e -> {
                times[0] = System.nanoTime();
                shown.countDown();
            });
            page.model().profile().addListener((obs, old, now) -> {
                if (now != null && times[1] == 0) {
                    // Filled means laid out with the figures: wait for the next layout pulse after they arrive.
                    Runnable[] once = new Runnable[1];
                    once[0] = () -> {
                        if (times[1] == 0) {
                            times[1] = System.nanoTime();
                            stage.getScene().removePostLayoutPulseListener(once[0]);
                            filled.countDown();
                        }
                    };
                    stage.getScene().addPostLayoutPulseListener(once[0]);
                }
            });
            times[3] = System.nanoTime();
            window.show(stage);
            stage.setWidth(MainWindow.MIN_WIDTH);
            stage.setHeight(MainWindow.MIN_HEIGHT);
        });
        shown.await(60, TimeUnit.SECONDS);
        filled.await(60, TimeUnit.SECONDS);
        if (screenshot != null && !screenshot.isBlank()) {
            CountDownLatch saved = new CountDownLatch(1);
            Platform.runLater(() -> {
                javafx.stage.Window w = javafx.stage.Window.getWindows().getFirst();
                try {
                    savePng(w.getScene().snapshot(null), Path.of(screenshot));
                } catch (IOException e) {
                    System.err.println("screenshot failed: " + e.getMessage());
                }
                saved.countDown();
            });
            saved.await(30, TimeUnit.SECONDS);
        }
        double windowMs = (times[0] - mainStart) / 1e6;
        double filledMs = (times[1] - times[0]) / 1e6;
        System.out.println("RESULT " + (sinceJvm + windowMs) + " " + windowMs + " " + Math.max(0, filledMs)
                + " " + (times[2] - mainStart) / 1e6 + " " + (times[3] - times[2]) / 1e6 + " " + (times[0] - times[3]) / 1e6);
        services.background().shutdownNow();
        Platform.exit();
        System.exit(0);
    }

    private static void savePng(WritableImage image, Path file) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        javax.imageio.ImageIO.write(out, "png", file.toFile());
    }

    private static double[] child(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HardwareBenchmark.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        double[] result = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("RESULT ")) {
                    String[] parts = line.substring(7).split(" ");
                    result = new double[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        result[i] = parts[i].matches("[0-9.E-]+") ? Double.parseDouble(parts[i]) : 0;
                    }
                }
            }
        }
        process.waitFor(120, TimeUnit.SECONDS);
        if (result == null) {
            throw new IllegalStateException("benchmark child " + String.join(" ", args) + " printed no result");
        }
        return result;
    }

    private static double median(List<double[]> runs, int column) {
        double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }
}
