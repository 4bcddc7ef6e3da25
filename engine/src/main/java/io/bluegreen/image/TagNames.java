package io.bluegreen.image;

import io.bluegreen.validation.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The tags every build gets from git: the full commit hash (what a rollback names), a short one
 * (what people read in Slack) and the branch name made legal as a tag.
 */
public final class TagNames {

    /** GitLab's CI_COMMIT_SHORT_SHA length, so our short tags match what the team sees in GitLab. */
    public static final int SHORT_COMMIT_LENGTH = 8;

    private static final Pattern FULL_COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern NOT_TAG_CHARACTER = Pattern.compile("[^a-z0-9_.-]+");
    private static final Pattern SEPARATOR_RUN = Pattern.compile("[-.]{2,}");
    private static final int MAX_TAG_LENGTH = 128;

    private TagNames() {
    }

    /** The full commit hash, lowercased: 40 hex digits (SHA-1 repositories) or 64 (SHA-256 ones). */
    public static String fullCommit(String commit) {
        InvalidInputException.require(commit != null && !commit.isBlank(), "commit", "is empty",
                "give the full hash, e.g. the output of git rev-parse HEAD or GitLab's CI_COMMIT_SHA");
        String hash = commit.trim().toLowerCase(Locale.ROOT);
        InvalidInputException.require(FULL_COMMIT.matcher(hash).matches(), "commit",
                "'" + commit + "' is not a full commit hash (40 or 64 hex digits)",
                "give the full hash, e.g. the output of git rev-parse HEAD or GitLab's CI_COMMIT_SHA");
        return hash;
    }

    public static String shortCommit(String commit) {
        return fullCommit(commit).substring(0, SHORT_COMMIT_LENGTH);
    }

    /**
     * A branch name as a tag: lowercase, anything a tag cannot hold becomes '-', e.g.
     * {@code feature/Login} becomes {@code feature-login}.
     */
    public static String branch(String branch) {
        InvalidInputException.require(branch != null && !branch.isBlank(), "branch", "is empty",
                "give the branch name, e.g. GitLab's CI_COMMIT_REF_NAME");
        String tag = NOT_TAG_CHARACTER.matcher(branch.trim().toLowerCase(Locale.ROOT)).replaceAll("-");
        tag = SEPARATOR_RUN.matcher(tag).replaceAll("-");
        tag = tag.replaceAll("^[-.]+|[-.]+$", "");
        if (tag.length() > MAX_TAG_LENGTH) {
            tag = tag.substring(0, MAX_TAG_LENGTH).replaceAll("[-.]+$", "");
        }
        InvalidInputException.require(!tag.isEmpty(), "branch",
                "'" + branch + "' has no letter or digit to make a tag from", "give the real branch name");
        return tag;
    }
}
