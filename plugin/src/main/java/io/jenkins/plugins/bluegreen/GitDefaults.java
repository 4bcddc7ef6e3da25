package io.jenkins.plugins.bluegreen;

import hudson.EnvVars;
import hudson.Util;

/**
 * The commit and branch a build is about, from the variables the git, multibranch and gitlab
 * plugins (and our own GitLab trigger, which sets the gitlab plugin's names) put in the environment.
 */
public final class GitDefaults {
    private static final String[] COMMIT_VARIABLES = {"GIT_COMMIT", "gitlabAfter", "CI_COMMIT_SHA"};
    private static final String[] BRANCH_VARIABLES = {"BRANCH_NAME", "GIT_BRANCH", "gitlabBranch", "gitlabSourceBranch",
            "CI_COMMIT_REF_NAME"};

    private GitDefaults() {
    }

    /** {@code given} when set, else the first commit variable the build has; null when none. */
    public static String commit(String given, EnvVars env) {
        return Util.fixEmptyAndTrim(given) != null ? given.trim() : first(env, COMMIT_VARIABLES);
    }

    /** {@code given} when set, else the build's branch without the remote's name ({@code origin/main} is main). */
    public static String branch(String given, EnvVars env) {
        String branch = Util.fixEmptyAndTrim(given) != null ? given.trim() : first(env, BRANCH_VARIABLES);
        if (branch == null) {
            return null;
        }
        if (branch.startsWith("refs/heads/")) {
            return branch.substring("refs/heads/".length());
        }
        return branch.startsWith("origin/") ? branch.substring("origin/".length()) : branch;
    }

    private static String first(EnvVars env, String... names) {
        for (String name : names) {
            String value = Util.fixEmptyAndTrim(env.get(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
