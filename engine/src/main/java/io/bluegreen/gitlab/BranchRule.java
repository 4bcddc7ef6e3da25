package io.bluegreen.gitlab;

import io.bluegreen.validation.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Pushes to this branch (or tag) deploy to that target". A pattern is an exact name or a glob:
 * {@code *} matches within one path segment ({@code release/*} takes {@code release/1.2} but not
 * {@code release/1.2/hotfix}), {@code **} matches across {@code /}. A branch rule never matches a tag
 * and a tag rule never matches a branch, so a tag called {@code master} cannot deploy staging.
 */
public final class BranchRule {
    private static final String TAG_PREFIX = "tag:";
    private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern GLOB_STAR = Pattern.compile("\\*\\*|\\*");

    private final GitRef.Kind kind;
    private final String pattern;
    private final String target;
    private final Pattern compiled;

    private BranchRule(GitRef.Kind kind, String pattern, String target, String field) {
        InvalidInputException.require(!pattern.isEmpty() && pattern.chars().noneMatch(Character::isWhitespace),
                field, "'" + pattern + "' is empty or has spaces", "write a branch name or glob such as release/*");
        InvalidInputException.require(TARGET.matcher(target).matches(), field,
                "'" + target + "' is not a target name", "use letters, digits, '.', '_' or '-', e.g. staging");
        this.kind = kind;
        this.pattern = pattern;
        this.target = target;
        this.compiled = globToRegex(pattern);
    }

    public static BranchRule branch(String pattern, String target) {
        return new BranchRule(GitRef.Kind.BRANCH, pattern, target, "branch rule");
    }

    public static BranchRule tag(String pattern, String target) {
        return new BranchRule(GitRef.Kind.TAG, pattern, target, "tag rule");
    }

    /** Reads the text form {@code PATTERN -> TARGET} or {@code tag:PATTERN -> TARGET}. */
    public static BranchRule parse(String line) {
        return parse(line, "rule");
    }

    /** As {@link #parse(String)}, with errors naming {@code field}, e.g. the line of a rules file. */
    static BranchRule parse(String line, String field) {
        int arrow = line.indexOf("->");
        InvalidInputException.require(arrow >= 0, field, "'" + line.strip() + "' has no '->'",
                "write it as 'BRANCH -> TARGET', e.g. 'master -> staging' or 'tag:v* -> production'");
        String left = line.substring(0, arrow).strip();
        String right = line.substring(arrow + 2).strip();
        return left.startsWith(TAG_PREFIX)
                ? new BranchRule(GitRef.Kind.TAG, left.substring(TAG_PREFIX.length()), right, field)
                : new BranchRule(GitRef.Kind.BRANCH, left, right, field);
    }

    public boolean matches(GitRef ref) {
        return ref.kind() == kind && compiled.matcher(ref.name()).matches();
    }

    public GitRef.Kind kind() {
        return kind;
    }

    public String pattern() {
        return pattern;
    }

    public String target() {
        return target;
    }

    /** Two rules with the same kind and pattern: the second can never apply. */
    boolean sameSelector(BranchRule other) {
        return kind == other.kind && pattern.equals(other.pattern);
    }

    @Override
    public String toString() {
        return (kind == GitRef.Kind.TAG ? TAG_PREFIX : "") + pattern + " -> " + target;
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        Matcher stars = GLOB_STAR.matcher(glob);
        int literalStart = 0;
        while (stars.find()) {
            regex.append(Pattern.quote(glob.substring(literalStart, stars.start())));
            regex.append(stars.group().length() == 2 ? ".*" : "[^/]*");
            literalStart = stars.end();
        }
        regex.append(Pattern.quote(glob.substring(literalStart)));
        return Pattern.compile(regex.toString());
    }
}
