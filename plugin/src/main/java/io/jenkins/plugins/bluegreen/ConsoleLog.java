package io.jenkins.plugins.bluegreen;

import hudson.model.TaskListener;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.NginxRouter;
import java.util.regex.Pattern;

/**
 * The engine's operator log, written to a build's console. A preview key is masked: whoever may read a
 * build is not thereby allowed to see an unreleased version; the build page shows the key to those who
 * may build the job.
 */
public final class ConsoleLog implements OperatorLog {
    private static final Pattern PREVIEW_KEY = Pattern.compile("(" + Pattern.quote(NginxRouter.previewHeader())
            + ": )[0-9a-f]+");
    private final TaskListener listener;

    public ConsoleLog(TaskListener listener) {
        this.listener = listener;
    }

    @Override
    public void line(String text) {
        listener.getLogger().println("[bluegreen] " + PREVIEW_KEY.matcher(text).replaceAll("$1****"));
    }
}
