package io.bluegreen.testbed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Asks a test container over real HTTP, waiting while it is still starting. */
public final class HttpProbe {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HttpProbe() {
    }

    /** The body of the first 200 answer from {@code uri}; fails with the last problem after {@code patience}. */
    public static String awaitOk(URI uri, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        String lastProblem = "no attempt";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = CLIENT.send(
                        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                lastProblem = "status " + response.statusCode();
            } catch (IOException e) {
                lastProblem = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(uri + " did not answer 200 within " + patience + ": " + lastProblem);
    }
}
