package io.bluegreen.gitlab;

import static io.bluegreen.gitlab.GitLabSamples.TOKEN;
import static io.bluegreen.gitlab.GitLabSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bluegreen.validation.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The calls a Jenkins endpoint makes: headers in a map, the body in hand, a plain result back. */
class WebhookHandlerTest {
    private final WebhookHandler handler = GitLabSamples.handler("master -> staging");

    @Test
    void headerMapIsReadWithoutRegardToCase() {
        WebhookResponse response = handler.handle(
                Map.of("x-gitlab-token", TOKEN, "X-GITLAB-EVENT", "Push Hook"), sample("push-master.json"));

        assertThat(response.status()).isEqualTo(WebhookResponse.DEPLOY);
        assertThat(response.triggers()).isTrue();
        assertThat(response.decision().orElseThrow().target()).isEqualTo("staging");
    }

    @Test
    void smallerLimitAppliesToBodiesHandedOver() {
        WebhookResponse response = handler.withMaxBodyBytes(1_000)
                .handle(Map.of("X-Gitlab-Token", TOKEN, "X-Gitlab-Event", "Push Hook"), sample("push-master.json"));

        assertThat(response.status()).isEqualTo(WebhookResponse.TOO_LARGE);
        assertThat(response.triggers()).isFalse();
    }

    @Test
    void emptyOrPaddedSecretIsRefusedBeforeAnythingListens() {
        assertThatThrownBy(() -> new WebhookHandler(" ", BranchRules.none()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("GitLab secret token: is empty");
        assertThatThrownBy(() -> new WebhookHandler("token\n", BranchRules.none()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("whitespace");
        assertThatThrownBy(() -> handler.withMaxBodyBytes(0)).isInstanceOf(InvalidInputException.class);
    }
}
