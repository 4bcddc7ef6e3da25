package io.jenkins.plugins.bluegreen.gitlab;

import hudson.model.Job;
import hudson.model.ParameterDefinition;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.StringParameterValue;
import io.bluegreen.gitlab.DeployDecision;
import io.bluegreen.gitlab.GitRef;
import io.jenkins.plugins.bluegreen.targets.TargetResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The build variables a push sets: ours ({@code BLUEGREEN_BRANCH}, {@code BLUEGREEN_COMMIT},
 * {@code BLUEGREEN_TARGET}) and the gitlab plugin's names, so Jenkinsfiles written for that plugin
 * keep working. They are declared safe, so they reach the build even where the job does not define
 * them; a job that does define parameters keeps its other defaults.
 */
final class PushParameters {

    private PushParameters() {
    }

    static Map<String, String> of(DeployDecision decision) {
        Map<String, String> values = new LinkedHashMap<>();
        String branch = decision.ref().name();
        String homepage = decision.commitUrl().substring(0, decision.commitUrl().indexOf("/-/commit/"));
        int slash = decision.project().lastIndexOf('/');
        values.put("BLUEGREEN_BRANCH", branch);
        values.put("BLUEGREEN_COMMIT", decision.commit());
        values.put(TargetResolver.TARGET_VARIABLE, decision.target());
        values.put("BLUEGREEN_PROJECT", decision.project());
        values.put("gitlabBranch", branch);
        values.put("gitlabSourceBranch", branch);
        values.put("gitlabTargetBranch", branch);
        values.put("gitlabActionType", decision.ref().kind() == GitRef.Kind.TAG ? "TAG_PUSH" : "PUSH");
        values.put("gitlabAfter", decision.commit());
        values.put("gitlabUserName", decision.pusher());
        values.put("gitlabUserUsername", decision.pusher());
        values.put("gitlabSourceRepoName", decision.project().substring(slash + 1));
        values.put("gitlabSourceNamespace", slash < 0 ? "" : decision.project().substring(0, slash));
        values.put("gitlabSourceRepoHomepage", homepage);
        values.put("gitlabSourceRepoURL", homepage + ".git");
        return values;
    }

    static ParametersAction action(Job<?, ?> job, DeployDecision decision) {
        Map<String, String> pushed = of(decision);
        List<ParameterValue> values = new ArrayList<>();
        pushed.forEach((name, value) -> values.add(new StringParameterValue(name, value)));
        ParametersDefinitionProperty defined = job.getProperty(ParametersDefinitionProperty.class);
        if (defined != null) {
            for (ParameterDefinition definition : defined.getParameterDefinitions()) {
                ParameterValue fallback = definition.getDefaultParameterValue();
                if (fallback != null && !pushed.containsKey(definition.getName())) {
                    values.add(fallback);
                }
            }
        }
        return new ParametersAction(values, pushed.keySet());
    }
}
