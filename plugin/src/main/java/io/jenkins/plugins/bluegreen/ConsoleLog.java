package io.jenkins.plugins.bluegreen;

import hudson.model.TaskListener;
import io.bluegreen.log.OperatorLog;

/** The engine's operator log, written to a build's console. */
public final class ConsoleLog implements OperatorLog {
    private final TaskListener listener;

    public ConsoleLog(TaskListener listener) {
        this.listener = listener;
    }

    @Override
    public void line(String text) {
        listener.getLogger().println("[bluegreen] " + text);
    }
}
