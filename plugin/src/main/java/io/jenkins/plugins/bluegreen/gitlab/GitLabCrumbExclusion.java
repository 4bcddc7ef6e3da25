package io.jenkins.plugins.bluegreen.gitlab;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * GitLab cannot send a crumb; it proves itself with the X-Gitlab-Token instead. Exactly the
 * webhook endpoint is exempt, no path below or beside it.
 */
@Extension
public class GitLabCrumbExclusion extends CrumbExclusion {
    private static final String PATH = "/" + GitLabWebhookEndpoint.URL_NAME;

    @Override
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getPathInfo();
        if (PATH.equals(path) || (PATH + "/").equals(path)) {
            chain.doFilter(request, response);
            return true;
        }
        return false;
    }
}
