package io.bluegreen.log;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The last lines a container printed: what an operator needs next to "it failed". */
public final class ContainerLogTail {
    public static final int LINES = 30;

    private ContainerLogTail() {
    }

    public static String of(DockerClient docker, String container) {
        return of(container, lines -> docker.logContainerCmd(container).withStdOut(true).withStdErr(true)
                .withTail(LINES).exec(lines));
    }

    /** The same from any log stream the engine offers, e.g. a Swarm service's, which the manager gathers from its nodes. */
    public static String of(String subject, Consumer<ResultCallback.Adapter<Frame>> stream) {
        StringBuilder text = new StringBuilder();
        ResultCallback.Adapter<Frame> lines = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (text) {
                    text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        };
        try {
            stream.accept(lines);
            lines.awaitCompletion(5, TimeUnit.SECONDS);
        } catch (NotFoundException e) {
            return "--- " + subject + ": gone, no log ---";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (text) {
            String body = text.toString().stripTrailing();
            return "--- last " + LINES + " log lines of " + subject + " ---\n"
                    + (body.isEmpty() ? "(nothing printed)" : body);
        }
    }
}
