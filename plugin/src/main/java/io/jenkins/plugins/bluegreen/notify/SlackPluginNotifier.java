package io.jenkins.plugins.bluegreen.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.Util;
import hudson.model.Run;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.notify.DeployEvent;
import io.bluegreen.notify.Notifier;
import io.bluegreen.notify.SlackMessage;
import jenkins.model.Jenkins;
import jenkins.plugins.slack.CredentialsObtainer;
import jenkins.plugins.slack.SlackNotifier;
import jenkins.plugins.slack.SlackRequest;
import jenkins.plugins.slack.StandardSlackService;
import net.sf.json.JSONArray;

/**
 * Sends deploy events through the slack plugin, with its global configuration (workspace, token,
 * bot user, default channel). The only class that touches the slack plugin's types: it is loaded
 * only after {@link DeployNotifiers} has seen that plugin installed.
 */
final class SlackPluginNotifier implements Notifier {
    private final StandardSlackService service;
    private final OperatorLog log;

    private SlackPluginNotifier(StandardSlackService service, OperatorLog log) {
        this.service = service;
        this.log = log;
    }

    /** Null when the slack plugin has no workspace or token configured, so there is nobody to tell. */
    static Notifier fromGlobalConfiguration(Run<?, ?> run, String channel, OperatorLog log) {
        SlackNotifier.DescriptorImpl global = Jenkins.get().getDescriptorByType(SlackNotifier.DescriptorImpl.class);
        if (global == null || Util.fixEmpty(global.getTokenCredentialId()) == null
                && Util.fixEmpty(global.getToken()) == null) {
            return null;
        }
        String room = Util.fixEmptyAndTrim(channel) != null ? channel.trim() : global.getRoom();
        StandardSlackService service = StandardSlackService.builder()
                .withRun(run)
                .withBaseUrl(global.getBaseUrl())
                .withTeamDomain(global.getTeamDomain())
                .withBotUser(global.isBotUser())
                .withRoomId(room)
                .withIconEmoji(global.getIconEmoji())
                .withUsername(global.getUsername())
                .withPopulatedToken(CredentialsObtainer.getTokenToUse(global.getTokenCredentialId(), run.getParent(),
                        global.getToken()))
                .build();
        return new SlackPluginNotifier(service, log);
    }

    @Override
    public void send(DeployEvent event) {
        ObjectNode message = SlackMessage.of(event).toJson();
        SlackRequest request = SlackRequest.builder()
                .withMessage(message.path("text").asText())
                .withAttachments(JSONArray.fromObject(message.path("attachments").toString()))
                .build();
        try {
            if (!service.publish(request)) {
                log.warn("Slack message not delivered through the slack plugin (see the Jenkins log for Slack's answer)");
            }
        } catch (RuntimeException e) {
            log.warn("Slack message not delivered through the slack plugin: " + e.getClass().getSimpleName());
        }
    }
}
