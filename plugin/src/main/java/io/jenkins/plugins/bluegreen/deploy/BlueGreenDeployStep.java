package io.jenkins.plugins.bluegreen.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.bluegreen.deploy.DeployFailedException;
import io.bluegreen.deploy.DeployResult;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.deploy.RolloutFailedException;
import io.bluegreen.deploy.RolloutResult;
import io.bluegreen.deploy.WaveDeploy;
import io.bluegreen.health.HealthCheckSpec;
import io.bluegreen.image.ImageOperationException;
import io.bluegreen.image.ImagePuller;
import io.bluegreen.image.ImageReference;
import io.bluegreen.lock.LockHeldException;
import io.bluegreen.notify.DeployNotifications;
import io.bluegreen.targets.EngineUnreachableException;
import io.bluegreen.validation.InvalidInputException;
import io.jenkins.plugins.bluegreen.BuildContext;
import io.jenkins.plugins.bluegreen.EngineStep;
import io.jenkins.plugins.bluegreen.EngineStepDescriptor;
import io.jenkins.plugins.bluegreen.notify.DeployNotifiers;
import io.jenkins.plugins.bluegreen.targets.CredentialSource;
import io.jenkins.plugins.bluegreen.targets.DeployTarget;
import io.jenkins.plugins.bluegreen.targets.ResolvedTarget;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code blueGreenDeploy app: 'shop-web', image: img.ref, target: 'staging'}: starts the image as
 * the idle colour, waits until it is healthy, switches the router to it and retires the old colour;
 * on any failure before the switch, traffic stays where it was. The target's kind picks the
 * engine's deploy: one engine, many hosts in waves, or a Swarm.
 */
public class BlueGreenDeployStep extends EngineStep {
    private final String app;
    private final String image;
    private int containerPort = 80;
    private String healthPath;
    private Integer healthTimeoutSeconds;
    private String env;
    private int replicas = 1;
    private Integer drainSeconds;
    private boolean standby;
    private boolean pull = true;
    private String commit;
    private String routerImage;
    private String serverNames;
    private Integer routerPort;
    private String slackChannel;
    private String slackWebhookCredentialsId;

    @DataBoundConstructor
    public BlueGreenDeployStep(String app, String image) {
        this.app = Util.fixEmptyAndTrim(app);
        this.image = Util.fixEmptyAndTrim(image);
    }

    public String getApp() {
        return app;
    }

    public String getImage() {
        return image;
    }

    public int getContainerPort() {
        return containerPort;
    }

    @DataBoundSetter
    public void setContainerPort(int containerPort) {
        this.containerPort = containerPort;
    }

    public String getHealthPath() {
        return healthPath;
    }

    @DataBoundSetter
    public void setHealthPath(String healthPath) {
        this.healthPath = Util.fixEmptyAndTrim(healthPath);
    }

    public Integer getHealthTimeoutSeconds() {
        return healthTimeoutSeconds;
    }

    @DataBoundSetter
    public void setHealthTimeoutSeconds(Integer healthTimeoutSeconds) {
        this.healthTimeoutSeconds = healthTimeoutSeconds;
    }

    public String getEnv() {
        return env;
    }

    /** {@code KEY=value}, one per line. */
    @DataBoundSetter
    public void setEnv(String env) {
        this.env = Util.fixEmptyAndTrim(env);
    }

    public int getReplicas() {
        return replicas;
    }

    @DataBoundSetter
    public void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    public Integer getDrainSeconds() {
        return drainSeconds;
    }

    @DataBoundSetter
    public void setDrainSeconds(Integer drainSeconds) {
        this.drainSeconds = drainSeconds;
    }

    public boolean isStandby() {
        return standby;
    }

    @DataBoundSetter
    public void setStandby(boolean standby) {
        this.standby = standby;
    }

    public boolean isPull() {
        return pull;
    }

    @DataBoundSetter
    public void setPull(boolean pull) {
        this.pull = pull;
    }

    public String getCommit() {
        return commit;
    }

    @DataBoundSetter
    public void setCommit(String commit) {
        this.commit = Util.fixEmptyAndTrim(commit);
    }

    public String getServerNames() {
        return serverNames;
    }

    /** Host names the app answers to, separated by spaces or commas; none: every host name on its router. */
    @DataBoundSetter
    public void setServerNames(String serverNames) {
        this.serverNames = Util.fixEmptyAndTrim(serverNames);
    }

    public String getRouterImage() {
        return routerImage;
    }

    @DataBoundSetter
    public void setRouterImage(String routerImage) {
        this.routerImage = Util.fixEmptyAndTrim(routerImage);
    }

    public Integer getRouterPort() {
        return routerPort;
    }

    @DataBoundSetter
    public void setRouterPort(Integer routerPort) {
        this.routerPort = routerPort;
    }

    public String getSlackChannel() {
        return slackChannel;
    }

    @DataBoundSetter
    public void setSlackChannel(String slackChannel) {
        this.slackChannel = Util.fixEmptyAndTrim(slackChannel);
    }

    public String getSlackWebhookCredentialsId() {
        return slackWebhookCredentialsId;
    }

    @DataBoundSetter
    public void setSlackWebhookCredentialsId(String slackWebhookCredentialsId) {
        this.slackWebhookCredentialsId = Util.fixEmptyAndTrim(slackWebhookCredentialsId);
    }

    @Override
    protected Map<String, Object> perform(BuildContext build) throws IOException {
        ResolvedTarget target = resolveTarget(build);
        DeploySettings settings = new DeploySettings(build.env().expand(app), containerPort, build.env().expand(healthPath),
                healthTimeoutSeconds, build.env().expand(routerImage), routerPort, build.env().expand(serverNames));
        String reference = build.env().expand(image);
        DeployRecord record = new DeployRecord(target, getTlsCredentialsId(),
                settings, new DeployRecord.Notification(slackChannel, slackWebhookCredentialsId), reference, false);
        DeployNotifications events = new DeployNotifications(DeployNotifiers.choose(slackWebhookCredentialsId, slackChannel,
                CredentialSource.forRun(build.run()), build.run(), build.log()), target.label())
                .triggeredBy(DeployNotifiers.describe(build.run()))
                .linkingInto(Util.fixEmptyAndTrim(build.env().get("gitlabSourceRepoHomepage")));
        record.linkingInto(Util.fixEmptyAndTrim(build.env().get("gitlabSourceRepoHomepage")));
        DeployAction.of(build.run()).add(record);
        try {
            if (target.kind() == DeployTarget.Kind.HOSTS) {
                return rollOut(target, settings, reference, build, record, events);
            }
            try (DockerClient docker = target.connect(build.log())) {
                DeploySpec spec = spec(settings, target, reference, build);
                // Swarm nodes pull for themselves, by the image's registry address.
                if (pull && target.kind() == DeployTarget.Kind.ENGINE) {
                    pullIfAbsent(docker, reference, target, build);
                }
                DeployResult result = ColourSwitch.on(target, docker, build.log(), events).deploy().apply(spec);
                record.succeeded(result);
                return record.toStepResult();
            }
        } catch (DeployFailedException e) {
            record.failed(e);
            throw e;
        } catch (RolloutFailedException e) {
            record.stopped(e);
            throw e;
        } catch (EngineUnreachableException | ImageOperationException | LockHeldException e) {
            record.refused(e.getMessage());
            throw e;
        } finally {
            build.run().save();
            AuditTrail.record(build.run().getParent(), new AuditTrail.Entry(record.getStartedAt(), AuditTrail.who(build.run()),
                    "deploy", record.getTarget(), record.getApp(), record.getOutcome() == DeployRecord.Outcome.LIVE,
                    record.describeOutcome(), build.run().getUrl()));
        }
    }

    /** Every host of the target in the plan's waves; each host's router is reached at the host's own address. */
    private Map<String, Object> rollOut(ResolvedTarget target, DeploySettings settings, String reference, BuildContext build,
                                        DeployRecord record, DeployNotifications events) {
        events.started(settings.getApp(), Util.fixEmptyAndTrim(build.env().expand(commit)));
        RolloutResult result = new WaveDeploy(target.hosts(), target.settings().rolloutPlan(), build.log())
                .withRegistryCredentials(target.registry())
                .deploy(host -> {
                    DeploySpec spec = spec(settings, target, reference, build);
                    spec.router().withReachAddress(host.address());
                    return spec;
                });
        record.rolledOut(result);
        record.leadHost(result).ifPresent(events::succeeded);
        return record.toStepResult();
    }

    private DeploySpec spec(DeploySettings settings, ResolvedTarget target, String reference, BuildContext build) {
        DeploySpec spec = settings.spec(target, reference).withReplicas(replicas).withStandby(standby)
                .withCommit(Util.fixEmptyAndTrim(build.env().expand(commit)));
        if (drainSeconds != null) {
            spec.withDrainTimeout(Duration.ofSeconds(drainSeconds));
        }
        String lines = build.env().expand(env);
        if (lines != null) {
            spec.withEnv(lines.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toArray(String[]::new));
        }
        return spec;
    }

    /** A target engine learns of a pushed image only by pulling it, with the target's registry login. */
    private static void pullIfAbsent(DockerClient docker, String reference, ResolvedTarget target, BuildContext build) {
        try {
            docker.inspectImageCmd(reference).exec();
        } catch (NotFoundException absent) {
            new ImagePuller(docker, build.log()).pull(ImageReference.parse(reference, "image"), target.registry());
        }
    }

    @Extension
    @Symbol("blueGreenDeploy")
    public static class DescriptorImpl extends EngineStepDescriptor {
        @Override
        public String getFunctionName() {
            return "blueGreenDeploy";
        }

        @Override
        public String getDisplayName() {
            return "Deploy a Docker image blue-green";
        }

        @POST
        public FormValidation doCheckApp(@AncestorInPath Item item, @QueryParameter String value) {
            return validate(item, () -> InvalidInputException.require(isExpression(value)
                            || value != null && value.trim().matches(DeploySpec.APP_GRAMMAR), "app",
                    "'" + value + "' does not match " + DeploySpec.APP_GRAMMAR, "name the app like a host name, e.g. shop-web"));
        }

        @POST
        public FormValidation doCheckImage(@AncestorInPath Item item, @QueryParameter String value) {
            return validate(item, () -> {
                if (!isExpression(value)) {
                    ImageReference.parse(value, "image");
                }
            });
        }

        @POST
        public FormValidation doCheckHealthPath(@AncestorInPath Item item, @QueryParameter String value) {
            return validate(item, () -> {
                if (Util.fixEmptyAndTrim(value) != null && !isExpression(value)) {
                    HealthCheckSpec.http(value.trim()).validate();
                }
            });
        }

        @POST
        public ListBoxModel doFillSlackWebhookCredentialsIdItems(@AncestorInPath Item item,
                                                                             @QueryParameter String slackWebhookCredentialsId) {
            return credentialItems(item, StringCredentials.class, slackWebhookCredentialsId);
        }
    }
}
