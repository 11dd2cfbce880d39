package dev.breakeven.launch;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DesktopCheckTest {
    private static DesktopCheck.Environment linux(boolean gtk, Map<String, String> env) {
        return new DesktopCheck.Environment(Map.of("os.name", "Linux"), env, lib -> gtk && lib.equals(DesktopCheck.GTK3));
    }

    @Test
    void linuxWithoutGtkGetsOnePlainSentenceNamingThePackages() {
        assertThat(DesktopCheck.problem(linux(false, Map.of("DISPLAY", ":0"))))
                .hasValue("Breakeven needs GTK 3: install libgtk-3-0 (Debian/Ubuntu) or gtk3 (Fedora).");
    }

    @Test
    void linuxWithGtkButNoDisplaySaysSoAndPointsToTheCli() {
        assertThat(DesktopCheck.problem(linux(true, Map.of()))).hasValueSatisfying(m -> assertThat(m)
                .contains("graphical desktop").contains("breakeven --help"));
        assertThat(DesktopCheck.problem(linux(true, Map.of("WAYLAND_DISPLAY", "wayland-0")))).isEmpty();
        assertThat(DesktopCheck.problem(linux(true, Map.of("DISPLAY", ":1")))).isEmpty();
    }

    @Test
    void otherSystemsAndTheHeadlessPlatformAreNotChecked() {
        assertThat(DesktopCheck.problem(new DesktopCheck.Environment(Map.of("os.name", "Windows 11"), Map.of(), lib -> false))).isEmpty();
        assertThat(DesktopCheck.problem(new DesktopCheck.Environment(Map.of("os.name", "Mac OS X"), Map.of(), lib -> false))).isEmpty();
        assertThat(DesktopCheck.problem(new DesktopCheck.Environment(
                Map.of("os.name", "Linux", "glass.platform", "headless"), Map.of(), lib -> false))).isEmpty();
    }

    @Test
    void theLoaderProbeFindsARealLibraryAndNotAMissingOne() {
        assertThat(DesktopCheck.canLoad("libc.so.6")).isTrue();
        assertThat(DesktopCheck.canLoad("libgtk-does-not-exist-7.so.0")).isFalse();
    }

    @Test
    void theWindowEntryPointPrintsTheSentenceInsteadOfAStackTrace() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").contains("Linux"), "GTK is a Linux matter");
        // A real JVM, as a user starts it, on a Linux box whose loader cannot find GTK (simulated by the name).
        Process process = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
                "--enable-native-access=ALL-UNNAMED", "-Dbreakeven.gtk.library=libgtk-missing-3.so.0",
                "-Dbreakeven.home=" + System.getProperty("java.io.tmpdir") + "/breakeven-desktopcheck",
                "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).isEqualTo(1);
        assertThat(output.strip().lines()).contains(DesktopCheck.NEEDS_GTK).noneMatch(l -> l.contains("at "));
    }
}
