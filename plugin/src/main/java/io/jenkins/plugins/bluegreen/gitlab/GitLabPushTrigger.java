package io.jenkins.plugins.bluegreen.gitlab;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Job;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.bluegreen.gitlab.BranchRules;
import io.bluegreen.gitlab.WebhookHandler;
import io.bluegreen.validation.InvalidInputException;
import io.jenkins.plugins.bluegreen.FormChecks;
import jenkins.model.JenkinsLocationConfiguration;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * "Deploy on GitLab push": GitLab calls {@link GitLabWebhookEndpoint} with this job's secret token,
 * and a push whose branch matches a rule starts the job with the branch, commit and target. The
 * token and the rules are the engine's; this class only stores them.
 */
public class GitLabPushTrigger extends Trigger<Job<?, ?>> {
    private final Secret secretToken;
    private final String rules;
    private String project;

    @DataBoundConstructor
    public GitLabPushTrigger(Secret secretToken, String rules) {
        this.secretToken = secretToken;
        this.rules = rules == null ? "" : rules.strip();
    }

    public Secret getSecretToken() {
        return secretToken;
    }

    public String getRules() {
        return rules;
    }

    public String getProject() {
        return project;
    }

    /** Only pushes to this GitLab project (path with namespace, e.g. shop/web); empty: any project that knows the token. */
    @DataBoundSetter
    public void setProject(String project) {
        this.project = Util.fixEmptyAndTrim(project);
    }

    /** The engine's handler for this job's token and rules; throws InvalidInputException if either is unusable. */
    WebhookHandler handler() {
        return new WebhookHandler(Secret.toString(secretToken), BranchRules.parse(rules));
    }

    boolean acceptsProject(String pathWithNamespace) {
        return project == null || project.equalsIgnoreCase(pathWithNamespace);
    }

    @Extension
    @Symbol("gitlabPushDeploy")
    public static class DescriptorImpl extends TriggerDescriptor {
        @Override
        public boolean isApplicable(Item item) {
            return item instanceof ParameterizedJobMixIn.ParameterizedJob;
        }

        @Override
        public String getDisplayName() {
            return "Deploy on GitLab push";
        }

        /** What to paste into GitLab's webhook settings. */
        public String getWebhookUrl() {
            String root = JenkinsLocationConfiguration.get().getUrl();
            return (root == null ? "https://JENKINS/" : root) + GitLabWebhookEndpoint.URL_NAME + "/";
        }

        @POST
        public FormValidation doCheckRules(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, () -> {
                BranchRules parsed = BranchRules.parse(value == null ? "" : value);
                InvalidInputException.require(!parsed.isEmpty(), "rules", "has no rule, so no push would deploy",
                        "add a line such as: master -> staging");
            });
        }

        @POST
        public FormValidation doCheckSecretToken(@AncestorInPath Item item, @QueryParameter Secret value) {
            return FormChecks.check(item, () -> new WebhookHandler(Secret.toString(value), BranchRules.none()));
        }
    }
}
