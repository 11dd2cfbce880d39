package dev.breakeven.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.breakeven.core.io.AppDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Sends everything logged through SLF4J (ours and the libraries') to a size-rotated file in the app's log folder
 * ({@link AppDirs#logs()}): {@code breakeven.log} for the window, {@code cli.log} for commands, so the two can run at
 * once without sharing a file. Three old files of 5 MB are kept. Tokens and keys are masked in every line as a last
 * line of defence; code must not log them in the first place.
 */
public final class AppLog {
    /** Bearer credentials, Hugging Face tokens ({@code hf_…}), OpenAI/Anthropic-style keys ({@code sk-…}). */
    static final String SECRET = "(?i)(bearer\\s+|hf_|sk-(?:ant-)?|api[_-]?key[=:\"\\s]+|token[=:\"\\s]+)[A-Za-z0-9._~+/=-]{6,}";
    static final String REDACTED_MESSAGE = "%replace(%msg){'" + SECRET + "', '$1***'}";
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{30} - "
            + REDACTED_MESSAGE + "%n%replace(%xEx){'" + SECRET + "', '$1***'}%nopex";
    static final int KEPT_FILES = 3;
    static final String MAX_FILE_SIZE = "5MB";

    private AppLog() {
    }

    /** Which front end writes: the window and commands get separate files. */
    public enum Front {
        APP("breakeven"), CLI("cli");

        private final String base;

        Front(String base) {
            this.base = base;
        }

        public String fileName() {
            return base + ".log";
        }
    }

    /**
     * Starts file logging at INFO in {@code dirs.logs()} and returns the file; empty (stderr only) when the folder
     * cannot be created, since a read-only home must not keep the app from starting.
     */
    public static Optional<Path> start(AppDirs dirs, Front front) {
        Path folder = dirs.logs();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            LoggerFactory.getLogger(AppLog.class).warn("no log file: cannot create {}: {}", folder, e.getMessage());
            return Optional.empty();
        }
        Path file = folder.resolve(front.fileName());
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(LogDefaults.stderr(context));
        root.addAppender(rollingFile(context, file, front));
        // OSHI reports every unreadable sensor at INFO; only its problems are worth a line.
        context.getLogger("oshi").setLevel(Level.WARN);
        Logger log = LoggerFactory.getLogger(AppLog.class);
        log.info("Breakeven {} ({}) on {} {} {}, Java {} ({})", dev.breakeven.core.io.AppVersion.get(), front.name().toLowerCase(Locale.ROOT),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.version(), System.getProperty("java.vm.vendor"));
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            log.error("uncaught in thread {}", thread.getName(), error);
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                error.printStackTrace();
            }
        });
        return Optional.of(file);
    }

    private static RollingFileAppender<ILoggingEvent> rollingFile(LoggerContext context, Path file, Front front) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(file.toString());

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file.resolveSibling(front == Front.APP
                ? "breakeven.%i.log" : "cli.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(KEPT_FILES);
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf(MAX_FILE_SIZE));
        trigger.start();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    /** Puts logging back to {@link LogDefaults} (tests). */
    static void stop() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new LogDefaults().configure(context);
    }
}
