package io.bluegreen.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.BuildResponseItem;
import io.bluegreen.log.OperatorLog;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds images on an engine. docker-java packs the context itself and leaves out what
 * {@code .dockerignore} excludes, so ignored files never leave the machine.
 */
public final class ImageBuilder {
    private final DockerClient docker;
    private final OperatorLog log;

    public ImageBuilder(DockerClient docker, OperatorLog log) {
        this.docker = docker;
        this.log = log;
    }

    public BuiltImage build(BuildRequest request) {
        request.validate();
        List<ImageReference> tags = request.tags();
        long started = System.nanoTime();
        log.line("build: " + request.context() + " as " + tags.get(0).repository() + " (tags "
                + tags.stream().map(ImageReference::tag).collect(Collectors.joining(", ")) + ")");
        LineBuffer output = new LineBuffer(line -> log.line("  " + line));
        String shortId;
        try {
            shortId = command(request, tags).exec(new BuildImageResultCallback() {
                @Override
                public void onNext(BuildResponseItem item) {
                    output.append(item.getStream());
                    super.onNext(item);
                }
            }).awaitImageId();
        } catch (DockerClientException | DockerException e) {
            throw new ImageOperationException("build of " + request.context() + " failed: " + e.getMessage()
                    + " (nothing was tagged)", e);
        } finally {
            output.flush();
        }
        // The build stream names the image by a 12-digit prefix; callers compare and pin by the full id.
        String imageId = docker.inspectImageCmd(shortId).exec().getId();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log.line("build: done in " + Durations.format(took) + ", image " + imageId);
        return new BuiltImage(imageId, tags, took);
    }

    private BuildImageCmd command(BuildRequest request, List<ImageReference> tags) {
        BuildImageCmd command = docker.buildImageCmd()
                .withBaseDirectory(request.context().toFile())
                .withDockerfile(request.dockerfilePath().toFile())
                .withTags(tags.stream().map(ImageReference::toString).collect(Collectors.toCollection(LinkedHashSet::new)))
                .withLabels(request.labels())
                .withNoCache(request.noCache())
                .withPull(request.pull())
                .withRemove(true);
        request.buildArgs().forEach(command::withBuildArg);
        if (request.target() != null) {
            command.withTarget(request.target());
        }
        return command;
    }
}
