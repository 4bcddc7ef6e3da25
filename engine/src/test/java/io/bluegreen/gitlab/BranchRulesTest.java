package io.bluegreen.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bluegreen.validation.InvalidInputException;
import org.junit.jupiter.api.Test;

class BranchRulesTest {
    private static final BranchRules RULES = BranchRules.parse("""
            # pushes to these deploy
            master -> staging
            production -> production

            release/* -> staging
            hotfix/** -> production
            tag:v* -> production
            """);

    @Test
    void exactNamesMapToTheirTargets() {
        assertThat(RULES.targetFor(GitRef.branch("master"))).contains("staging");
        assertThat(RULES.targetFor(GitRef.branch("production"))).contains("production");
        assertThat(RULES.targetFor(GitRef.branch("master2"))).isEmpty();
        assertThat(RULES.targetFor(GitRef.branch("feature/master"))).isEmpty();
    }

    @Test
    void singleStarStaysWithinOneSegmentAndDoubleStarCrossesSlashes() {
        assertThat(RULES.targetFor(GitRef.branch("release/1.2"))).contains("staging");
        assertThat(RULES.targetFor(GitRef.branch("release/1.2/rc1"))).isEmpty();
        assertThat(RULES.targetFor(GitRef.branch("hotfix/2024/login"))).contains("production");
    }

    @Test
    void globCharactersOtherThanStarAreLiteral() {
        BranchRules dotted = BranchRules.of(BranchRule.branch("v1.2", "staging"));

        assertThat(dotted.targetFor(GitRef.branch("v1.2"))).contains("staging");
        assertThat(dotted.targetFor(GitRef.branch("v1x2"))).isEmpty();
    }

    @Test
    void tagsMatchOnlyTagRulesAndBranchesOnlyBranchRules() {
        assertThat(RULES.targetFor(GitRef.tag("v1.4.0"))).contains("production");
        assertThat(RULES.targetFor(GitRef.tag("master"))).isEmpty();
        assertThat(RULES.targetFor(GitRef.branch("v1.4.0"))).isEmpty();
    }

    @Test
    void firstMatchingRuleWins() {
        BranchRules rules = BranchRules.parse("""
                release/legacy -> old-staging
                release/* -> staging
                """);

        assertThat(rules.targetFor(GitRef.branch("release/legacy"))).contains("old-staging");
        assertThat(rules.targetFor(GitRef.branch("release/new"))).contains("staging");
    }

    @Test
    void noRulesDeployNothing() {
        assertThat(BranchRules.none().targetFor(GitRef.branch("master"))).isEmpty();
        assertThat(BranchRules.parse("# nothing yet\n").isEmpty()).isTrue();
    }

    @Test
    void textFormReadsBackToTheSameRules() {
        assertThat(BranchRules.parse(RULES.toString()).toString()).isEqualTo(RULES.toString());
        assertThat(RULES.toString()).contains("tag:v* -> production\n");
    }

    @Test
    void lineWithoutArrowIsRefusedNamingTheLineAndTheFix() {
        assertThatThrownBy(() -> BranchRules.parse("master -> staging\n\nproduction production\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rules line 3")
                .hasMessageContaining("'production production' has no '->'")
                .hasMessageContaining("fix: write it as 'BRANCH -> TARGET'");
    }

    @Test
    void badTargetAndEmptyPatternAreRefusedNamingTheLine() {
        assertThatThrownBy(() -> BranchRules.parse("master -> stag ing"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rules line 1").hasMessageContaining("'stag ing' is not a target name");
        assertThatThrownBy(() -> BranchRules.parse("master -> staging\n -> production"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rules line 2").hasMessageContaining("is empty or has spaces");
        assertThatThrownBy(() -> BranchRules.parse("tag: -> production"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("rules line 1");
    }

    @Test
    void repeatedPatternIsRefusedBecauseItCouldNeverApply() {
        assertThatThrownBy(() -> BranchRules.parse("master -> staging\n# later\nmaster -> production"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rules line 3").hasMessageContaining("repeats 'master' from line 1");
        assertThat(BranchRules.parse("master -> staging\ntag:master -> production").rules()).hasSize(2);
    }
}
