package io.jenkins.plugins.bluegreen.notify;

import hudson.Util;
import hudson.model.Cause;
import hudson.model.Run;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.notify.Notifier;
import io.bluegreen.notify.SlackNotifier;
import io.jenkins.plugins.bluegreen.targets.CredentialSource;
import jenkins.model.Jenkins;

/**
 * Chooses where deploy events go: an incoming-webhook URL from a Secret Text credential when one is
 * given (the engine's own Slack client), else the slack plugin with its global configuration when
 * it is installed and configured, else nowhere.
 */
public final class DeployNotifiers {

    private DeployNotifiers() {
    }

    public static Notifier choose(String webhookCredentialsId, String channel, CredentialSource credentials,
                                  Run<?, ?> run, OperatorLog log) {
        String id = Util.fixEmptyAndTrim(webhookCredentialsId);
        if (id != null) {
            SlackNotifier webhook = SlackNotifier.fromSecretText(credentials.secretText(id, "slackWebhookCredentialsId"), log);
            return Util.fixEmptyAndTrim(channel) == null ? webhook : webhook.withChannel(channel.trim());
        }
        if (Jenkins.get().getPlugin("slack") != null) {
            Notifier plugin = SlackPluginNotifier.fromGlobalConfiguration(run, channel, log);
            return plugin == null ? Notifier.none() : plugin;
        }
        return Notifier.none();
    }

    /** Who or what started {@code run}, as a Slack message says it: its first cause and its name. */
    public static String describe(Run<?, ?> run) {
        String cause = run.getCauses().stream().findFirst().map(Cause::getShortDescription).orElse("Jenkins");
        return cause + " (" + run.getFullDisplayName() + ")";
    }
}
