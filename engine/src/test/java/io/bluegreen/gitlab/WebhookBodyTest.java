package io.bluegreen.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookBodyTest {

    @Test
    void aBodyWithinTheLimitIsReadWhole() throws IOException {
        byte[] push = GitLabSamples.sample("push-master.json");

        assertThat(WebhookBody.read(new ByteArrayInputStream(push), push.length, Duration.ofSeconds(1))).isEqualTo(push);
    }

    @Test
    void aBodyOverTheLimitIsCutOneByteOverIt() throws IOException {
        byte[] big = new byte[100_000];

        assertThat(WebhookBody.read(new ByteArrayInputStream(big), 1_000, Duration.ofSeconds(1))).hasSize(1_001);
    }

    @Test
    void aBodyTricklingPastTheDeadlineIsRefusedAsTooSlow() {
        InputStream trickle = new InputStream() {
            @Override
            public int read() throws IOException {
                pause();
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                b[off] = (byte) read();
                return 1;
            }
        };
        long start = System.nanoTime();

        assertThatThrownBy(() -> WebhookBody.read(trickle, 1_000_000, Duration.ofMillis(300)))
                .isInstanceOf(WebhookBody.TooSlowException.class)
                .hasMessage("the body did not arrive within 0.3 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
