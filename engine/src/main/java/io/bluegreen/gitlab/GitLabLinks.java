package io.bluegreen.gitlab;

/** The GitLab pages a person wants to open from a deploy message. */
public final class GitLabLinks {
    private GitLabLinks() {
    }

    /** {@code <web_url>/-/commit/<sha>}. */
    public static String commit(String projectWebUrl, String sha) {
        return withoutTrailingSlash(projectWebUrl) + "/-/commit/" + sha;
    }

    /** {@code <web_url>/-/compare/<before>...<after>}: what this push changed. */
    public static String compare(String projectWebUrl, String before, String after) {
        return withoutTrailingSlash(projectWebUrl) + "/-/compare/" + before + "..." + after;
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
