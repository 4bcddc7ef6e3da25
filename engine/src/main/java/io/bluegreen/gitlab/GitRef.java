package io.bluegreen.gitlab;

import com.fasterxml.jackson.annotation.JsonValue;
import io.bluegreen.validation.InvalidInputException;
import java.util.Locale;

/** A pushed branch or tag, by its short name ({@code master}, {@code v1.2.0}), as GitLab's {@code ref} names it. */
public record GitRef(Kind kind, String name) {
    private static final String BRANCH_PREFIX = "refs/heads/";
    private static final String TAG_PREFIX = "refs/tags/";

    public enum Kind {
        BRANCH, TAG;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static GitRef branch(String name) {
        return new GitRef(Kind.BRANCH, name);
    }

    public static GitRef tag(String name) {
        return new GitRef(Kind.TAG, name);
    }

    /** Reads {@code refs/heads/NAME} or {@code refs/tags/NAME}; anything else is not a push GitLab sends. */
    public static GitRef parse(String ref) {
        InvalidInputException.require(ref != null, "ref", "is missing", "send GitLab's push payload unchanged");
        if (ref.startsWith(BRANCH_PREFIX) && ref.length() > BRANCH_PREFIX.length()) {
            return branch(ref.substring(BRANCH_PREFIX.length()));
        }
        if (ref.startsWith(TAG_PREFIX) && ref.length() > TAG_PREFIX.length()) {
            return tag(ref.substring(TAG_PREFIX.length()));
        }
        throw new InvalidInputException("ref", "'" + Shorten.forReason(ref) + "' is neither refs/heads/NAME nor refs/tags/NAME",
                "send GitLab's push payload unchanged");
    }

    @Override
    public String toString() {
        return kind.label() + " " + name;
    }
}
