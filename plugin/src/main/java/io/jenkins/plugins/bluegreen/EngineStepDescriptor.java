package io.jenkins.plugins.bluegreen;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.EnvVars;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.bluegreen.targets.EngineEndpoint;
import io.jenkins.plugins.bluegreen.targets.DeployTarget;
import io.jenkins.plugins.bluegreen.targets.DeployTargets;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerCredentials;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The form support every engine step shares: checks of the target and engine fields and the
 * credential lists. Checks run the engine's own validation, so the form says what a build would.
 */
public abstract class EngineStepDescriptor extends StepDescriptor {

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, EnvVars.class, TaskListener.class);
    }

    protected static FormValidation validate(Item item, Runnable check) {
        return FormChecks.check(item, check);
    }

    /** True for values a build fills in ({@code ${BRANCH}}), which a form cannot check. */
    protected static boolean isExpression(String value) {
        return value != null && value.contains("${");
    }

    @POST
    public FormValidation doCheckTarget(@AncestorInPath Item item, @QueryParameter String value) {
        String name = Util.fixEmptyAndTrim(value);
        return validate(item, () -> {
            if (name != null && !isExpression(name)) {
                DeployTargets.get().named(name);
            }
        });
    }

    @POST
    public FormValidation doCheckEngine(@AncestorInPath Item item, @QueryParameter String value,
                                        @QueryParameter String target) {
        String uri = Util.fixEmptyAndTrim(value);
        FormValidation result = validate(item, () -> {
            if (uri != null && !isExpression(uri)) {
                EngineEndpoint.of(uri);
            }
        });
        if (result.kind == FormValidation.Kind.OK && uri != null && Util.fixEmptyAndTrim(target) != null) {
            return FormValidation.warning("The target '" + target.trim() + "' is used; this engine URI is ignored.");
        }
        return result;
    }

    @POST
    public ListBoxModel doFillTlsCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String tlsCredentialsId) {
        return credentialItems(item, DockerServerCredentials.class, tlsCredentialsId);
    }

    @POST
    public ListBoxModel doFillRegistryCredentialsIdItems(@AncestorInPath Item item,
                                                         @QueryParameter String registryCredentialsId) {
        return credentialItems(item, StandardUsernamePasswordCredentials.class, registryCredentialsId);
    }

    /** Only people who may configure the job see which credentials exist. */
    public static ListBoxModel credentialItems(Item item, Class<? extends StandardCredentials> type, String current) {
        boolean allowed = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
        if (!allowed) {
            return new StandardListBoxModel().includeCurrentValue(current);
        }
        StandardListBoxModel items = new StandardListBoxModel();
        items.includeEmptyValue();
        if (item == null) {
            items.includeAs(ACL.SYSTEM2, Jenkins.get(), type);
        } else {
            items.includeAs(ACL.SYSTEM2, item, type);
        }
        return items.includeCurrentValue(current);
    }

    /** The configured target names, for the hint under the target field. */
    public String getTargetNames() {
        return String.join(", ", DeployTargets.get().getTargets().stream().map(DeployTarget::getName).toList());
    }
}
