package io.bluegreen.cli;

import io.bluegreen.log.OperatorLog;
import io.bluegreen.notify.DeployNotifications;
import io.bluegreen.notify.Notifier;
import io.bluegreen.notify.SlackNotifier;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where deploy messages go. The Slack webhook URL is a secret (its path is the credential), so it
 * is read from an environment variable or a file, never from the command line.
 */
public final class NotifyOptions {
    @Option(names = "--slack-webhook-env", paramLabel = "VAR", description = "environment variable holding a Slack incoming-webhook URL")
    String webhookEnv;

    @Option(names = "--slack-webhook-file", paramLabel = "FILE", description = "file holding a Slack incoming-webhook URL")
    Path webhookFile;

    @Option(names = "--slack-channel", paramLabel = "CHANNEL", description = "channel override (legacy webhooks only)")
    String channel;

    @Option(names = "--target-name", paramLabel = "NAME", defaultValue = "local",
            description = "what messages call this target (default: ${DEFAULT-VALUE})")
    String targetName;

    @Option(names = "--gitlab-project-url", paramLabel = "URL", description = "GitLab project page; commits in messages link into it")
    String projectUrl;

    public DeployNotifications notifications(OperatorLog log) {
        return new DeployNotifications(notifier(log), targetName)
                .triggeredBy(System.getProperty("user.name") + " (bluegreen CLI)")
                .linkingInto(projectUrl);
    }

    private Notifier notifier(OperatorLog log) {
        String url = webhookUrl();
        if (url == null) {
            return Notifier.none();
        }
        SlackNotifier slack = SlackNotifier.fromSecretText(url, log);
        return channel == null ? slack : slack.withChannel(channel);
    }

    private String webhookUrl() {
        return Secrets.fromEnvOrFile(webhookEnv, webhookFile, "--slack-webhook-env", "--slack-webhook-file", false);
    }
}
