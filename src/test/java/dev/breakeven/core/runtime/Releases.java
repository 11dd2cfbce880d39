package dev.breakeven.core.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded release under src/test/resources/runtime (see the README there). */
final class Releases {
    private Releases() {
    }

    static String text(String name) {
        try (InputStream in = Releases.class.getResourceAsStream("/runtime/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Release b11476() {
        try {
            return Release.parse(text("release-b11476.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
