package io.bluegreen.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bluegreen.validation.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TagNamesTest {
    private static final String SHA1 = "3f786850e387550fdab836ed7e6dc881de23001b";

    @Test
    void fullCommitAcceptsSha1AndSha256HashesAndLowercasesThem() {
        assertThat(TagNames.fullCommit(SHA1.toUpperCase())).isEqualTo(SHA1);
        String sha256 = "ab".repeat(32);
        assertThat(TagNames.fullCommit(sha256)).isEqualTo(sha256);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3f78685", "3f786850e387550fdab836ed7e6dc881de23001", "zz786850e387550fdab836ed7e6dc881de23001b", " "})
    void fullCommitRefusesAbbreviatedOrNonHexHashes(String commit) {
        assertThatThrownBy(() -> TagNames.fullCommit(commit))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("commit"))
                .hasMessageContaining("fix:");
    }

    @Test
    void shortCommitIsTheFirstCharactersLikeGitLabsShortSha() {
        assertThat(TagNames.shortCommit(SHA1)).isEqualTo("3f786850");
    }

    @ParameterizedTest
    @CsvSource({
            "feature/Login, feature-login",
            "main, main",
            "release/1.2.x, release-1.2.x",
            "'  fix//#42 crash  ', fix-42-crash",
            "-leading.dot., leading.dot",
            "snake_case, snake_case",
            "ÄÖÜ-umlaut, umlaut"})
    void branchBecomesALegalTag(String branch, String tag) {
        assertThat(TagNames.branch(branch)).isEqualTo(tag);
        assertThat(ImageReference.TAG.matcher(TagNames.branch(branch)).matches()).isTrue();
    }

    @Test
    void longBranchIsCutToTheTagLimit() {
        String tag = TagNames.branch("feature/" + "x".repeat(200));
        assertThat(tag).hasSize(128).startsWith("feature-x");
    }

    @Test
    void branchWithoutLettersOrDigitsIsRefused() {
        assertThatThrownBy(() -> TagNames.branch("///"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("branch"));
    }
}
