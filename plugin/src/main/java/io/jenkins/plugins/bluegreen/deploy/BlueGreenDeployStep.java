package io.jenkins.plugins.bluegreen.deploy;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.bluegreen.deploy.DeployFailedException;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.deploy.LiveImage;
import io.bluegreen.deploy.PromotionTerms;
import io.bluegreen.deploy.RolloutFailedException;
import io.bluegreen.deploy.Target;
import io.bluegreen.deploy.WaitingColour;
import io.bluegreen.health.HealthCheckSpec;
import io.bluegreen.health.HttpCheck;
import io.bluegreen.image.ImageOperationException;
import io.bluegreen.image.ImageReference;
import io.bluegreen.lock.LockHeldException;
import io.bluegreen.notify.DeployNotifications;
import io.bluegreen.router.RouterSettings;
import io.bluegreen.targets.EngineUnreachableException;
import io.bluegreen.validation.InvalidInputException;
import io.jenkins.plugins.bluegreen.BuildContext;
import io.jenkins.plugins.bluegreen.EngineStep;
import io.jenkins.plugins.bluegreen.EngineStepDescriptor;
import io.jenkins.plugins.bluegreen.notify.DeployNotifiers;
import io.jenkins.plugins.bluegreen.targets.CredentialSource;
import io.jenkins.plugins.bluegreen.targets.ResolvedTarget;
import io.jenkins.plugins.bluegreen.targets.TargetResolver;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
    private String promotion;
    private String preChecks;
    private String postChecks;
    private Integer watchSeconds;
    private Integer promotionWaitSeconds;
    private String atDeadline;
    private String previewPort;
    private String from;

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

    public String getPromotion() {
        return promotion;
    }

    /** {@code auto} (the default): switch once healthy; {@code manual}: stop before the switch and wait for blueGreenPromote. */
    @DataBoundSetter
    public void setPromotion(String promotion) {
        this.promotion = unlessDefault(promotion, "auto");
    }

    public String getPreChecks() {
        return preChecks;
    }

    /** {@code GET /path STATUS [contains TEXT]}, one per line, run on the preview before the switch. */
    @DataBoundSetter
    public void setPreChecks(String preChecks) {
        this.preChecks = Util.fixEmptyAndTrim(preChecks);
    }

    public String getPostChecks() {
        return postChecks;
    }

    /** The same kind of checks, run on the live router after the switch while the old colour keeps running. */
    @DataBoundSetter
    public void setPostChecks(String postChecks) {
        this.postChecks = Util.fixEmptyAndTrim(postChecks);
    }

    public Integer getWatchSeconds() {
        return watchSeconds;
    }

    @DataBoundSetter
    public void setWatchSeconds(Integer watchSeconds) {
        this.watchSeconds = watchSeconds;
    }

    public Integer getPromotionWaitSeconds() {
        return promotionWaitSeconds;
    }

    @DataBoundSetter
    public void setPromotionWaitSeconds(Integer promotionWaitSeconds) {
        this.promotionWaitSeconds = promotionWaitSeconds;
    }

    public String getAtDeadline() {
        return atDeadline;
    }

    /** {@code abort} (the default) or {@code promote}: what becomes of a colour nobody decided on in time. */
    @DataBoundSetter
    public void setAtDeadline(String atDeadline) {
        this.atDeadline = unlessDefault(atDeadline, "abort");
    }

    public String getPreviewPort() {
        return previewPort;
    }

    /** {@code [ADDRESS:]PORT}: the preview also on a host port of its own, for clients that cannot set a Host header. */
    @DataBoundSetter
    public void setPreviewPort(String previewPort) {
        this.previewPort = Util.fixEmptyAndTrim(previewPort);
    }

    /**
     * A select box always sends its choice: its default is kept as absent, so a form-saved plain deploy does not
     * carry promotion terms it never asked for, and the snippet stays as short as the Pipeline was.
     */
    private static String unlessDefault(String value, String defaultValue) {
        String given = Util.fixEmptyAndTrim(value);
        return defaultValue.equalsIgnoreCase(given) ? null : given;
    }

    public String getFrom() {
        return from;
    }

    /**
     * A configured target whose live image (by registry digest) this deploy takes instead of {@code image}:
     * production gets exactly what staging tested, even if a tag moved since.
     */
    @DataBoundSetter
    public void setFrom(String from) {
        this.from = Util.fixEmptyAndTrim(from);
    }

    @Override
    protected Map<String, Object> perform(BuildContext build) throws IOException {
        ResolvedTarget target = resolveTarget(build);
        DeploySettings settings = new DeploySettings(build.env().expand(app), containerPort, build.env().expand(healthPath),
                healthTimeoutSeconds, build.env().expand(routerImage), routerPort, build.env().expand(serverNames));
        LiveImage tested = liveImageOfSource(settings.getApp(), build);
        String reference = tested != null ? tested.reference() : build.env().expand(image);
        DeployRecord.Notification notification = new DeployRecord.Notification(slackChannel, slackWebhookCredentialsId);
        DeployNotifications events = notifications(notification, target, build);
        PromotionTerms terms = promotionTerms();
        if (terms != null) {
            return deployWithoutSwitch(target, settings, reference, tested, terms, notification, build, events);
        }
        DeployRecord record = new DeployRecord(target, getTlsCredentialsId(), settings, notification, reference, false);
        record.linkingInto(Util.fixEmptyAndTrim(build.env().get("gitlabSourceRepoHomepage")));
        DeployAction.of(build.run()).add(record);
        try (Target deployTo = open(target, build, events)) {
            DeploySpec spec = spec(settings, target, reference, build);
            record.rolledOut(tested != null ? deployTo.deploySameAs(tested, spec) : deployTo.deploy(spec));
            return record.toStepResult();
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

    /**
     * Up to the switch, then the colour waits on its preview for blueGreenPromote or blueGreenAbort (in the
     * Pipeline, typically after an {@code input}); the build goes on at once.
     */
    private Map<String, Object> deployWithoutSwitch(ResolvedTarget target, DeploySettings settings, String reference,
                                                    LiveImage tested, PromotionTerms terms, DeployRecord.Notification notification,
                                                    BuildContext build, DeployNotifications events) throws IOException {
        try (Target deployTo = open(target, build, events)) {
            DeploySpec spec = spec(settings, target, reference, build);
            WaitingColour waiting = deployTo.deployWithoutSwitch(tested == null ? spec : tested.deployedBy(spec), terms);
            PromotionAction action = new PromotionAction(target, getTlsCredentialsId(), settings, notification, waiting,
                    spec.router().reachAddress(), spec.router().publishPort());
            build.run().addAction(action);
            build.run().save();
            AuditTrail.record(build.run().getParent(), new AuditTrail.Entry(System.currentTimeMillis(),
                    AuditTrail.who(build.run()), "deploy", target.label(), waiting.app(), true,
                    waiting.colour().label() + " waits for promotion until " + waiting.deadline(), build.run().getUrl()));
            return action.toStepResult();
        }
    }

    /** The promotion terms when {@code promotion} is manual; refuses terms given without it, before anything changes. */
    private PromotionTerms promotionTerms() {
        String mode = promotion == null ? "auto" : promotion.toLowerCase(Locale.ROOT);
        InvalidInputException.require(mode.equals("auto") || mode.equals("manual"), "promotion",
                "'" + promotion + "' is not a promotion mode", "write 'auto' (switch once healthy) or 'manual'");
        if (mode.equals("auto")) {
            InvalidInputException.require(preChecks == null && postChecks == null && watchSeconds == null
                            && promotionWaitSeconds == null && atDeadline == null && previewPort == null, "promotion",
                    "preChecks, postChecks, watchSeconds, promotionWaitSeconds, atDeadline and previewPort apply to a deploy"
                            + " that waits"
                            + " for promotion", "add promotion: 'manual', or leave them out");
            return null;
        }
        PromotionTerms terms = PromotionTerms.manual().withPreChecks(checks(preChecks, "preChecks"))
                .withPostChecks(checks(postChecks, "postChecks")).withPreviewPort(previewPort);
        if (watchSeconds != null) {
            terms.withWatch(Duration.ofSeconds(watchSeconds));
        }
        if (promotionWaitSeconds != null) {
            terms.withWait(Duration.ofSeconds(promotionWaitSeconds));
        }
        if (atDeadline != null) {
            InvalidInputException.require(atDeadline.equalsIgnoreCase("abort") || atDeadline.equalsIgnoreCase("promote"),
                    "atDeadline", "'" + atDeadline + "' is not what can happen at the deadline", "write 'abort' or 'promote'");
            terms.withAtDeadline(PromotionTerms.AtDeadline.valueOf(atDeadline.toUpperCase(Locale.ROOT)));
        }
        terms.validate();
        return terms;
    }

    private static List<HttpCheck> checks(String lines, String field) {
        return lines == null ? List.of() : lines.lines().map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> HttpCheck.parse(line, field)).toList();
    }

    /** Slack (or nothing) for this build's deploys of one target, linking commits into GitLab when the push said where. */
    static DeployNotifications notifications(DeployRecord.Notification notification, ResolvedTarget target,
                                             BuildContext build) {
        return notification.on(target.label(), CredentialSource.forRun(build.run()), build.run(), build.log())
                .triggeredBy(DeployNotifiers.describe(build.run()))
                .linkingInto(Util.fixEmptyAndTrim(build.env().get("gitlabSourceRepoHomepage")));
    }

    /** The target, telling Slack of each change; an engine pulls an image it lacks when the step says pull. */
    private Target open(ResolvedTarget target, BuildContext build, DeployNotifications events) {
        Target opened = target.open(build.log()).withListener(events);
        return pull ? opened.pullingWith(target.registry()) : opened;
    }

    /**
     * The image named by {@code from}'s live colour, pinned by digest; null without {@code from}. Read before
     * anything changes, so a source that is not running healthy stops the deploy with the engine's reason.
     */
    private LiveImage liveImageOfSource(String app, BuildContext build) {
        String source = Util.fixEmptyAndTrim(build.env().expand(from));
        String named = Util.fixEmptyAndTrim(build.env().expand(image));
        InvalidInputException.require(source == null || named == null, "from",
                "both image '" + named + "' and from '" + source + "' are given", "give image, or from to deploy what that target runs live");
        InvalidInputException.require(source != null || named != null, "image", "no image to deploy",
                "give image (e.g. img.ref), or from: a target whose live image to deploy");
        if (source == null) {
            return null;
        }
        ResolvedTarget sourceTarget = new TargetResolver(CredentialSource.forRun(build.run()))
                .resolve(source, null, null, null, build.env());
        // The source's own router: the settings of this step (ports, host names) belong to the target deployed to.
        RouterSettings router = new DeploySettings(app, containerPort, null, null, null, null, null)
                .spec(sourceTarget, null).router();
        try (Target testedOn = sourceTarget.open(build.log())) {
            LiveImage tested = testedOn.liveImage(app, router);
            tested.announce(app, build.log());
            return tested;
        }
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
                // Blank is right with from; the step refuses a deploy that gives neither.
                if (Util.fixEmptyAndTrim(value) != null && !isExpression(value)) {
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

        public ListBoxModel doFillPromotionItems() {
            return new ListBoxModel(new ListBoxModel.Option("auto: switch once healthy", "auto"),
                    new ListBoxModel.Option("manual: wait for blueGreenPromote or blueGreenAbort", "manual"));
        }

        public ListBoxModel doFillAtDeadlineItems() {
            return new ListBoxModel(new ListBoxModel.Option("abort", "abort"), new ListBoxModel.Option("promote", "promote"));
        }

        @POST
        public FormValidation doCheckPreChecks(@AncestorInPath Item item, @QueryParameter String value) {
            return validate(item, () -> checks(isExpression(value) ? null : Util.fixEmptyAndTrim(value), "preChecks"));
        }

        @POST
        public FormValidation doCheckPostChecks(@AncestorInPath Item item, @QueryParameter String value) {
            return validate(item, () -> checks(isExpression(value) ? null : Util.fixEmptyAndTrim(value), "postChecks"));
        }

        @POST
        public ListBoxModel doFillSlackWebhookCredentialsIdItems(@AncestorInPath Item item,
                                                                             @QueryParameter String slackWebhookCredentialsId) {
            return credentialItems(item, StringCredentials.class, slackWebhookCredentialsId);
        }
    }
}
