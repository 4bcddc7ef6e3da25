package io.jenkins.plugins.bluegreen;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.bluegreen.log.OperatorLog;

/**
 * What a step needs from the build it runs in, the same whether a Pipeline or a freestyle build
 * calls it. {@code workspace} is null for steps that need none.
 */
public record BuildContext(Run<?, ?> run, FilePath workspace, EnvVars env, TaskListener listener) {

    public OperatorLog log() {
        return new ConsoleLog(listener);
    }
}
