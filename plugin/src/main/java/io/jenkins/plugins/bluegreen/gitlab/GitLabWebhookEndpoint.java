package io.jenkins.plugins.bluegreen.gitlab;

import hudson.Extension;
import hudson.model.CauseAction;
import hudson.model.Job;
import hudson.model.UnprotectedRootAction;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.bluegreen.gitlab.DeployDecision;
import io.bluegreen.gitlab.WebhookBody;
import io.bluegreen.gitlab.WebhookHandler;
import io.bluegreen.gitlab.WebhookResponse;
import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * {@code POST /bluegreen-gitlab/}: where GitLab's push webhooks arrive. Each job with a
 * {@link GitLabPushTrigger} judges the call with the engine's {@link WebhookHandler} (its own
 * token, compared in constant time, and its own branch rules); the jobs whose token matched and
 * whose rules map the push are queued, and GitLab gets its answer at once. A caller whose token
 * matches no job learns nothing, not even whether any job exists.
 */
@Extension
public class GitLabWebhookEndpoint implements UnprotectedRootAction {
    public static final String URL_NAME = "bluegreen-gitlab";
    private static final Logger LOGGER = Logger.getLogger(GitLabWebhookEndpoint.class.getName());

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "GitLab push webhook for blue-green deploys";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    public HttpResponse doIndex(StaplerRequest2 request) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            return answer(WebhookResponse.NOT_POST, "GitLab webhooks are POST requests");
        }
        // No body is read for a caller that no job would accept, nor one declared over the limit.
        if (!anyJobAcceptsToken(request::getHeader)) {
            return answer(WebhookResponse.UNAUTHORIZED, request.getHeader(WebhookHandler.TOKEN_HEADER) == null
                    ? "X-Gitlab-Token header missing" : "X-Gitlab-Token does not match");
        }
        if (request.getContentLengthLong() > WebhookHandler.DEFAULT_MAX_BODY_BYTES) {
            return answer(WebhookResponse.TOO_LARGE, "body larger than " + WebhookHandler.DEFAULT_MAX_BODY_BYTES + " bytes");
        }
        // Jenkins' Jetty ends a read that gets nothing for its idle timeout (Winstone's
        // --httpKeepAliveTimeout, 30 s by default); the deadline ends one that trickles.
        byte[] body;
        try {
            body = WebhookBody.read(request.getInputStream(), WebhookHandler.DEFAULT_MAX_BODY_BYTES, WebhookBody.DEFAULT_DEADLINE);
        } catch (WebhookBody.TooSlowException e) {
            WebhookResponse tooSlow = WebhookBody.tooSlow(e);
            return answer(tooSlow.status(), tooSlow.reason());
        }
        return deliver(request::getHeader, body);
    }

    private static boolean anyJobAcceptsToken(Function<String, String> header) {
        for (GitLabPushTrigger trigger : triggeredJobs().values()) {
            try {
                Optional<WebhookResponse> withoutBody = trigger.handler().answerWithoutBody(header);
                if (withoutBody.isEmpty() || withoutBody.get().status() != WebhookResponse.UNAUTHORIZED) {
                    return true;
                }
            } catch (InvalidInputException e) {
                // A misconfigured trigger accepts nothing; deliver() logs it when a call gets that far.
            }
        }
        return false;
    }

    /** Hands the call to every trigger and queues the jobs it deploys. */
    HttpResponse deliver(Function<String, String> header, byte[] body) {
        WebhookResponse understood = null;
        List<DeployDecision> scheduled = new ArrayList<>();
        for (Map.Entry<Job<?, ?>, GitLabPushTrigger> triggered : triggeredJobs().entrySet()) {
            Job<?, ?> job = triggered.getKey();
            GitLabPushTrigger trigger = triggered.getValue();
            WebhookResponse response = judge(job, trigger, header, body);
            if (response == null || response.status() == WebhookResponse.UNAUTHORIZED) {
                continue;
            }
            understood = understood == null ? response : understood;
            response.decision().filter(decision -> trigger.acceptsProject(decision.project()))
                    .filter(decision -> schedule(job, decision))
                    .ifPresent(scheduled::add);
        }
        if (understood == null) {
            return answer(WebhookResponse.UNAUTHORIZED, header.apply(WebhookHandler.TOKEN_HEADER) == null
                    ? "X-Gitlab-Token header missing" : "X-Gitlab-Token does not match");
        }
        if (!scheduled.isEmpty()) {
            return answer(WebhookResponse.DEPLOY, "queued " + scheduled.size() + " job(s): " + scheduled.get(0));
        }
        return answer(understood.status() == WebhookResponse.DEPLOY ? WebhookResponse.IGNORED : understood.status(),
                understood.triggers() ? "ignored: no job deploys " + understood.decision().get().project() : understood.reason());
    }

    private static Map<Job<?, ?>, GitLabPushTrigger> triggeredJobs() {
        Map<Job<?, ?>, GitLabPushTrigger> jobs = new LinkedHashMap<>();
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
                GitLabPushTrigger trigger = ParameterizedJobMixIn.getTrigger(job, GitLabPushTrigger.class);
                if (trigger != null) {
                    jobs.put(job, trigger);
                }
            }
        }
        return jobs;
    }

    private static WebhookResponse judge(Job<?, ?> job, GitLabPushTrigger trigger, Function<String, String> header,
                                         byte[] body) {
        try {
            return trigger.handler().handle(header, body);
        } catch (InvalidInputException e) {
            LOGGER.log(Level.WARNING, "GitLab trigger of {0} is misconfigured: {1}", new Object[] {job.getFullName(), e.getMessage()});
            return null;
        }
    }

    private static boolean schedule(Job<?, ?> job, DeployDecision decision) {
        boolean queued = ParameterizedJobMixIn.scheduleBuild2(job, -1, new CauseAction(new GitLabPushCause(decision)),
                PushParameters.action(job, decision)) != null;
        LOGGER.log(Level.INFO, "{0}: {1} for {2}", new Object[] {queued ? "queued" : "could not queue", decision, job.getFullName()});
        return queued;
    }

    private static HttpResponse answer(int status, String reason) {
        return new HttpResponse() {
            @Override
            public void generateResponse(StaplerRequest2 request, StaplerResponse2 response, Object node) throws IOException {
                response.setStatus(status);
                response.setContentType("text/plain;charset=UTF-8");
                response.getOutputStream().write((reason + "\n").getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
