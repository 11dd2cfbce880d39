package dev.breakeven.core.runtime;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code llama-server --version} prints: official release builds say {@code version: 6000 (abc1234)} (the
 * build number is the release tag's number, b6000), source builds of a packaged release may say
 * {@code version: 0.5.0-dev (build 1, commit de3ff81)}.
 *
 * @param version shown to the user: {@code b6000}, or the version string as printed
 * @param build   the build number, -1 when not printed
 */
public record ServerVersion(String version, int build, String commit) {
    private static final Pattern OFFICIAL = Pattern.compile("version:\\s*(\\d+)\\s*\\(([0-9a-f]+)\\)");
    private static final Pattern DETAILED = Pattern.compile(
            "version:\\s*(\\S+)\\s*\\(build\\s*(\\d+),\\s*commit\\s*([0-9a-f]+)\\)");
    private static final Pattern ANY = Pattern.compile("version:\\s*(\\S+)");

    public static Optional<ServerVersion> parse(String output) {
        Matcher m = OFFICIAL.matcher(output);
        if (m.find()) {
            int build = Integer.parseInt(m.group(1));
            return Optional.of(new ServerVersion("b" + build, build, m.group(2)));
        }
        m = DETAILED.matcher(output);
        if (m.find()) {
            return Optional.of(new ServerVersion(m.group(1), Integer.parseInt(m.group(2)), m.group(3)));
        }
        m = ANY.matcher(output);
        return m.find() ? Optional.of(new ServerVersion(m.group(1), -1, null)) : Optional.empty();
    }
}
