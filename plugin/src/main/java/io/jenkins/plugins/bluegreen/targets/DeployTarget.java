package io.jenkins.plugins.bluegreen.targets;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.bluegreen.deploy.RolloutPlan;
import io.bluegreen.targets.EngineEndpoint;
import io.bluegreen.targets.Host;
import io.bluegreen.targets.HostsTarget;
import io.bluegreen.targets.TlsMaterial;
import io.bluegreen.validation.InvalidInputException;
import io.jenkins.plugins.bluegreen.EngineStepDescriptor;
import io.jenkins.plugins.bluegreen.FormChecks;
import java.util.Arrays;
import java.util.Locale;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A named place to deploy to ({@code staging}, {@code production}): its Docker engine (or many
 * hosts' engines, or a Swarm manager), the credentials to reach it and its registry, and the
 * defaults its deploys start from. Every setting is a plain property so JCasC reads and writes it.
 */
public class DeployTarget extends AbstractDescribableImpl<DeployTarget> {
    /** What the engine URI (or the host list) names, and so which of the engine's deploys runs. */
    public enum Kind {
        /** One Docker engine: the single-host blue-green deploy. */
        ENGINE,
        /** Many hosts' engines, deployed in waves after a canary. */
        HOSTS,
        /** A Swarm manager: each colour is a service. */
        SWARM;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String name;
    private final String engineUri;
    private String kind = Kind.ENGINE.value();
    private String hosts;
    private boolean canary = true;
    private String waveSize = "25%";
    private String onFailure = "revert";
    private String onUnreachable = "fail";
    private String tlsCredentialsId;
    private String registryCredentialsId;
    private String routerImage = "nginx:stable-alpine";
    private String routerName = "bluegreen-router";
    private String routerAddress = "0.0.0.0";
    private int routerPort = 80;
    private String healthPath = "/health";
    private int healthTimeoutSeconds = 60;
    private Integer drainTimeoutSeconds;

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

    /** The drain timeout of deploys to this target, unless a step gives its own; null: the engine's 30 s. */
    public Integer getDrainTimeoutSeconds() {
        return drainTimeoutSeconds;
    }

    @DataBoundSetter
    public void setDrainTimeoutSeconds(Integer drainTimeoutSeconds) {
        this.drainTimeoutSeconds = drainTimeoutSeconds;
    }

    public String getKind() {
        return kind;
    }

    @DataBoundSetter
    public void setKind(String kind) {
        this.kind = Util.fixEmptyAndTrim(kind) == null ? Kind.ENGINE.value() : kind.trim().toLowerCase(Locale.ROOT);
    }

    public Kind kind() {
        return choice(Kind.class, kind, "kind");
    }

    public String getHosts() {
        return hosts;
    }

    /** {@code [NAME=]tcp://HOST:2376}, one per line, in rollout order: the first is the canary. */
    @DataBoundSetter
    public void setHosts(String hosts) {
        this.hosts = Util.fixEmptyAndTrim(hosts);
    }

    public boolean isCanary() {
        return canary;
    }

    @DataBoundSetter
    public void setCanary(boolean canary) {
        this.canary = canary;
    }

    public String getWaveSize() {
        return waveSize;
    }

    @DataBoundSetter
    public void setWaveSize(String waveSize) {
        this.waveSize = Util.fixEmptyAndTrim(waveSize) == null ? "25%" : waveSize.trim();
    }

    public String getOnFailure() {
        return onFailure;
    }

    @DataBoundSetter
    public void setOnFailure(String onFailure) {
        this.onFailure = Util.fixEmptyAndTrim(onFailure) == null ? "revert" : onFailure.trim().toLowerCase(Locale.ROOT);
    }

    public String getOnUnreachable() {
        return onUnreachable;
    }

    @DataBoundSetter
    public void setOnUnreachable(String onUnreachable) {
        this.onUnreachable = Util.fixEmptyAndTrim(onUnreachable) == null ? "fail" : onUnreachable.trim().toLowerCase(Locale.ROOT);
    }

    /** The hosts of a {@code hosts} target, each reached with the target's TLS client certificate. */
    public HostsTarget hostsTarget(TlsMaterial tls) {
        return parseHosts(hosts, tls);
    }

    /** How a deploy moves through this target's hosts, checked by the engine. */
    public RolloutPlan rolloutPlan() {
        RolloutPlan plan = RolloutPlan.defaults().withCanary(canary).withWaves(waveSize)
                .onFailure(choice(RolloutPlan.OnFailure.class, onFailure, "onFailure"))
                .onUnreachable(choice(RolloutPlan.OnUnreachable.class, onUnreachable, "onUnreachable"));
        plan.validate();
        return plan;
    }

    static HostsTarget parseHosts(String lines, TlsMaterial tls) {
        if (lines == null || lines.isBlank()) {
            throw new InvalidInputException("hosts", "a target of kind hosts lists no host",
                    "give one [NAME=]tcp://HOST:2376 per line");
        }
        return new HostsTarget(lines.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> Host.parse(line, tls)).toList());
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "'" + value + "' is not a choice", "give one of " + String.join(", ",
                    Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()));
        }
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
        public FormValidation doCheckEngineUri(@QueryParameter String value, @QueryParameter String kind) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (Kind.HOSTS.value().equals(kind) && Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
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
        public FormValidation doCheckHosts(@QueryParameter String value, @QueryParameter String kind) {
            return FormChecks.check(null, () -> {
                if (Kind.HOSTS.value().equals(kind) || Util.fixEmptyAndTrim(value) != null) {
                    parseHosts(value, null);
                }
            });
        }

        @POST
        public FormValidation doCheckWaveSize(@QueryParameter String value) {
            return FormChecks.check(null, () -> RolloutPlan.defaults().withWaves(value).validate());
        }

        @POST
        public ListBoxModel doFillKindItems() {
            return options(Kind.class);
        }

        @POST
        public ListBoxModel doFillOnFailureItems() {
            return options(RolloutPlan.OnFailure.class);
        }

        @POST
        public ListBoxModel doFillOnUnreachableItems() {
            return options(RolloutPlan.OnUnreachable.class);
        }

        private static ListBoxModel options(Class<? extends Enum<?>> type) {
            ListBoxModel items = new ListBoxModel();
            for (Enum<?> constant : type.getEnumConstants()) {
                items.add(constant.name().toLowerCase(Locale.ROOT));
            }
            return items;
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
