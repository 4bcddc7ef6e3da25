package io.bluegreen.log;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The last lines a container printed: what an operator needs next to "it failed". */
public final class ContainerLogTail {
    public static final int LINES = 30;

    private ContainerLogTail() {
    }

    public static String of(DockerClient docker, String container) {
        StringBuilder text = new StringBuilder();
        try {
            docker.logContainerCmd(container).withStdOut(true).withStdErr(true).withTail(LINES)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            synchronized (text) {
                                text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                            }
                        }
                    }).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (NotFoundException e) {
            return "--- " + container + ": gone, no log ---";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (text) {
            String body = text.toString().stripTrailing();
            return "--- last " + LINES + " log lines of " + container + " ---\n"
                    + (body.isEmpty() ? "(nothing printed)" : body);
        }
    }
}
