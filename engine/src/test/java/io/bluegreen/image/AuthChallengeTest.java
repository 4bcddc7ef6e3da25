package io.bluegreen.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void readsGitLabsBearerChallengeWithACommaInsideTheScope() {
        AuthChallenge challenge = AuthChallenge.parse("Bearer realm=\"https://gitlab.example.com/jwt/auth\","
                + "service=\"container_registry\",scope=\"repository:team/app:pull,push\"");

        assertThat(challenge.isBearer()).isTrue();
        assertThat(challenge.parameter("realm")).isEqualTo("https://gitlab.example.com/jwt/auth");
        assertThat(challenge.parameter("service")).isEqualTo("container_registry");
        assertThat(challenge.parameter("scope")).isEqualTo("repository:team/app:pull,push");
    }

    @Test
    void readsABasicChallenge() {
        AuthChallenge challenge = AuthChallenge.parse("Basic realm=\"bluegreen-test\"");

        assertThat(challenge.isBasic()).isTrue();
        assertThat(challenge.isBearer()).isFalse();
    }
}
