package io.bluegreen.router;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;

/** Runs a command in a running container and returns its exit code and combined output. */
final class ContainerExec {

    record Result(long exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private ContainerExec() {
    }

    static Result run(DockerClient docker, String containerId, String... command) {
        String execId = docker.execCreateCmd(containerId)
                .withCmd(command)
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec()
                .getId();
        StringBuilder output = new StringBuilder();
        try {
            docker.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    synchronized (output) {
                        output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }
            }).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
        Long exitCode = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        synchronized (output) {
            return new Result(exitCode == null ? -1 : exitCode, output.toString().trim());
        }
    }
}
