package io.jenkins.plugins.bluegreen.target;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.bluegreen.target.EngineEndpoint;
import io.bluegreen.validation.InvalidInputException;
import io.jenkins.plugins.bluegreen.EngineStepDescriptor;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A named place to deploy to ({@code staging}, {@code production}): its Docker engine, the
 * credentials to reach it and its registry, and the defaults its deploys start from.
 */
public class DeployTarget extends AbstractDescribableImpl<DeployTarget> {
    private final String name;
    private final String engineUri;
    private String tlsCredentialsId;
    private String registryCredentialsId;
    private String routerImage = "nginx:stable-alpine";
    private String routerName = "bluegreen-router";
    private String routerAddress = "0.0.0.0";
    private int routerPort = 80;
    private String healthPath = "/health";
    private int healthTimeoutSeconds = 60;

    @DataBoundConstructor
    public DeployTarget(String name, String engineUri) {
        this.name = Util.fixEmptyAndTrim(name);
        this.engineUri = Util.fixEmptyAndTrim(engineUri);
    }

    public String getName() {
        return name;
    }

    public String getEngineUri() {
        return engineUri;
    }

    public String getTlsCredentialsId() {
        return tlsCredentialsId;
    }

    @DataBoundSetter
    public void setTlsCredentialsId(String tlsCredentialsId) {
        this.tlsCredentialsId = Util.fixEmpty(tlsCredentialsId);
    }

    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = Util.fixEmpty(registryCredentialsId);
    }

    public String getRouterImage() {
        return routerImage;
    }

    @DataBoundSetter
    public void setRouterImage(String routerImage) {
        this.routerImage = Util.fixEmptyAndTrim(routerImage) == null ? "nginx:stable-alpine" : routerImage.trim();
    }

    public String getRouterName() {
        return routerName;
    }

    /** The router container's name: one router per engine serves every app, so targets on one engine share it. */
    @DataBoundSetter
    public void setRouterName(String routerName) {
        this.routerName = Util.fixEmptyAndTrim(routerName) == null ? "bluegreen-router" : routerName.trim();
    }

    public String getRouterAddress() {
        return routerAddress;
    }

    /** The host address the router publishes on; 127.0.0.1 keeps it to the host (behind another proxy). */
    @DataBoundSetter
    public void setRouterAddress(String routerAddress) {
        this.routerAddress = Util.fixEmptyAndTrim(routerAddress) == null ? "0.0.0.0" : routerAddress.trim();
    }

    public int getRouterPort() {
        return routerPort;
    }

    @DataBoundSetter
    public void setRouterPort(int routerPort) {
        this.routerPort = routerPort;
    }

    public String getHealthPath() {
        return healthPath;
    }

    @DataBoundSetter
    public void setHealthPath(String healthPath) {
        this.healthPath = Util.fixEmptyAndTrim(healthPath) == null ? "/health" : healthPath.trim();
    }

    public int getHealthTimeoutSeconds() {
        return healthTimeoutSeconds;
    }

    @DataBoundSetter
    public void setHealthTimeoutSeconds(int healthTimeoutSeconds) {
        this.healthTimeoutSeconds = healthTimeoutSeconds;
    }

    @Extension
    @Symbol("target")
    public static class DescriptorImpl extends Descriptor<DeployTarget> {
        @Override
        public String getDisplayName() {
            return "Deploy target";
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.error("Give the target a name, such as staging or production.")
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckEngineUri(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                EngineEndpoint endpoint = EngineEndpoint.of(value);
                return endpoint.isPlainTcp()
                        ? FormValidation.warning("Plain TCP gives anyone who reaches this port root on the host;"
                                + " use tcp://HOST:2376 with TLS client credentials.")
                        : FormValidation.ok();
            } catch (InvalidInputException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public ListBoxModel doFillTlsCredentialsIdItems(@QueryParameter String tlsCredentialsId) {
            return EngineStepDescriptor.credentialItems(null, DockerServerCredentials.class, tlsCredentialsId);
        }

        @POST
        public ListBoxModel doFillRegistryCredentialsIdItems(@QueryParameter String registryCredentialsId) {
            return EngineStepDescriptor.credentialItems(null, StandardUsernamePasswordCredentials.class,
                    registryCredentialsId);
        }
    }
}
