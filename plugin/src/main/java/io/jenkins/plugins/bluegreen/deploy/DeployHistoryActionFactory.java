package io.jenkins.plugins.bluegreen.deploy;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** Adds the deploy history page to every job that has deployed at least once recently. */
@Extension
public class DeployHistoryActionFactory extends TransientActionFactory<Job> {

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull Job target) {
        Job<?, ?> job = target;
        for (Run<?, ?> run : job.getBuilds().limit(DeployHistory.BUILDS_SCANNED)) {
            if (run.getAction(DeployAction.class) != null) {
                return List.of(new DeployHistoryAction(job));
            }
        }
        return List.of();
    }
}
