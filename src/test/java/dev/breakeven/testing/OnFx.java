package dev.breakeven.testing;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the scene graph on the FX thread. Pages replace nodes there while a test waits (the Fit matrix re-plans, a
 * ListView lays out its cells, a chat answer streams in); a lookup from the test thread walks those children as they
 * change and once failed with an IndexOutOfBoundsException inside Parent.lookupAll (FitPageTest in .ci/run). A page
 * test that polls therefore asks its whole question here, in one FX-thread call per poll.
 */
public final class OnFx {
    /** Long enough for a busy FX thread on a shared 2-core box; a read that takes longer means the thread is stuck. */
    private static final long READ_SECONDS = 30;
    private static final long POLL_MILLIS = 20;

    private OnFx() {
    }

    /** The value of {@code read}, computed on the FX thread (directly when already on it). */
    public static <T> T read(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(READ_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Waits until {@code condition}, evaluated on the FX thread at each poll, holds. Polls every 20 ms, a little
     * slower than TestFX's 10 ms, because each poll is a task the FX thread runs between the page's own work.
     */
    public static void waitUntil(long seconds, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!read(condition)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the page did not reach the awaited state within " + seconds + " s");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The node {@code query} finds, looked up on the FX thread; fails when there is none. */
    public static <T extends Node> T node(FxRobot robot, String query, Class<T> type) throws Exception {
        return read(() -> robot.lookup(query).queryAs(type));
    }

    /** The text of the label or button {@code query} finds; fails when there is none, as {@code queryAs} does. */
    public static String text(FxRobot robot, String query) throws Exception {
        return read(() -> robot.lookup(query).queryAs(Labeled.class).getText());
    }

    /** The text a label, button or text field shows now, read on the FX thread. */
    public static String text(Node node) throws Exception {
        return read(() -> switch (node) {
            case Labeled labeled -> labeled.getText();
            case TextInputControl input -> input.getText();
            default -> throw new IllegalArgumentException(node + " shows no text");
        });
    }

    /** Waits until {@code query} finds a node of {@code type} and returns it. */
    public static <T extends Node> T waitForNode(FxRobot robot, long seconds, String query, Class<T> type)
            throws Exception {
        waitUntil(seconds, () -> robot.lookup(query).tryQuery().filter(type::isInstance).isPresent());
        return node(robot, query, type);
    }
}
