package io.bluegreen.cli;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.image.BuildRequest;
import io.bluegreen.image.BuiltImage;
import io.bluegreen.image.ImageBuilder;
import io.bluegreen.image.ImagePusher;
import io.bluegreen.image.ImageReference;
import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.log.OperatorLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bluegreen build}: one image per commit, tagged with the commit, its short form and the branch. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build an image from a context directory, tag it from git, and optionally push every tag.")
final class BuildCommand extends RegistryCommand {
    @Option(names = "--image", required = true, paramLabel = "REPOSITORY",
            description = "repository without tag, e.g. registry.example.com/team/app")
    String image;

    @Option(names = "--context", paramLabel = "DIR", defaultValue = ".", description = "build context (default: .)")
    Path context;

    @Option(names = {"-f", "--file"}, paramLabel = "PATH", defaultValue = "Dockerfile",
            description = "Dockerfile, relative to the context (default: Dockerfile)")
    String dockerfile;

    @Option(names = "--commit", paramLabel = "SHA", description = "full git commit hash (tags: full and short)")
    String commit;

    @Option(names = "--branch", paramLabel = "NAME", description = "git branch; becomes a tag, e.g. feature/Login -> feature-login")
    String branch;

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", description = "extra tag; repeatable")
    List<String> tags = new ArrayList<>();

    @Option(names = "--build-arg", paramLabel = "NAME=VALUE", description = "build argument; repeatable")
    Map<String, String> buildArgs = new LinkedHashMap<>();

    @Option(names = "--label", paramLabel = "NAME=VALUE", description = "image label; repeatable")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "build up to this stage")
    String target;

    @Option(names = "--source", paramLabel = "URL", description = "project URL for the org.opencontainers.image.source label")
    String source;

    @Option(names = "--no-cache", description = "build every step again")
    boolean noCache;

    @Option(names = "--pull", description = "fetch newer base images first")
    boolean pull;

    @Option(names = "--push", description = "push every tag after the build")
    boolean push;

    @Override
    public Integer call() {
        BuildRequest request = request().validate();
        RegistryCredentials credentials = registry.credentials();
        OperatorLog log = log();
        DockerClient docker = engine.connect(log);
        BuiltImage built = new ImageBuilder(docker, log).build(request);
        out().println("built " + built.imageId());
        if (push) {
            ImagePusher pusher = new ImagePusher(docker, log);
            for (ImageReference tag : built.tags()) {
                out().println("pushed " + tag + " " + pusher.push(tag, credentials).digest());
            }
        }
        return 0;
    }

    private BuildRequest request() {
        BuildRequest request = BuildRequest.of(context, image).withDockerfile(dockerfile).withTarget(target)
                .withNoCache(noCache).withPull(pull).withCommit(commit).withBranch(branch).withSource(source);
        buildArgs.forEach(request::withBuildArg);
        labels.forEach(request::withLabel);
        tags.forEach(request::withExtraTag);
        return request;
    }
}
