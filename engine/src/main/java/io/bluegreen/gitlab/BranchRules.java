package io.bluegreen.gitlab;

import io.bluegreen.validation.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ordered rule set of one project: the first rule that matches a push names its target; a push
 * no rule matches deploys nothing. The text form is one rule per line, so it fits a Jenkins textarea
 * or a file:
 * <pre>
 * # branch -> target
 * master -> staging
 * production -> production
 * release/* -> staging
 * tag:v* -> production
 * </pre>
 */
public final class BranchRules {
    private final List<BranchRule> rules;

    private BranchRules(List<BranchRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static BranchRules of(BranchRule... rules) {
        return new BranchRules(List.of(rules));
    }

    public static BranchRules none() {
        return of();
    }

    /**
     * Reads the text form. Blank lines and lines starting with {@code #} are skipped. An error names the
     * line number, so the field is {@code rules line N}.
     */
    public static BranchRules parse(String text) {
        List<BranchRule> parsed = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int lineNumber = i + 1;
            BranchRule rule = BranchRule.parse(line, "rules line " + lineNumber);
            for (int earlier = 0; earlier < parsed.size(); earlier++) {
                InvalidInputException.require(!parsed.get(earlier).sameSelector(rule), "rules line " + lineNumber,
                        "repeats '" + rule.pattern() + "' from line " + lineNumbers.get(earlier)
                                + ", so it could never apply",
                        "delete one of the two lines");
            }
            parsed.add(rule);
            lineNumbers.add(lineNumber);
        }
        return new BranchRules(parsed);
    }

    public Optional<String> targetFor(GitRef ref) {
        return rules.stream().filter(rule -> rule.matches(ref)).map(BranchRule::target).findFirst();
    }

    public List<BranchRule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The text form again, one rule per line, which {@link #parse} reads back to the same rules. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        rules.forEach(rule -> text.append(rule).append('\n'));
        return text.toString();
    }
}
