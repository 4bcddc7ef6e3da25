package io.jenkins.plugins.bluegreen.image;

import hudson.FilePath;
import hudson.Util;
import hudson.util.DirScanner;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Docker build context as a directory on this (the controller's) disk, where the engine client
 * runs. A workspace on the controller is used in place; one on an agent is copied over first
 * (Jenkins streams it as a tar through the agent channel) and deleted again on close.
 */
final class ContextDirectory implements AutoCloseable {
    private final Path path;
    private final boolean copied;

    private ContextDirectory(Path path, boolean copied) {
        this.path = path;
        this.copied = copied;
    }

    static ContextDirectory of(FilePath workspace, String relativeContext, OperatorLog log)
            throws IOException, InterruptedException {
        InvalidInputException.require(workspace != null, "context", "the step runs outside a workspace",
                "call dockerBuildTag inside node { ... }");
        String relative = Util.fixEmptyAndTrim(relativeContext) == null ? "." : relativeContext.trim();
        FilePath source = workspace.child(relative);
        InvalidInputException.require(source.isDirectory(), "context", "'" + relative + "' is not a directory in the workspace",
                "give the directory that holds the Dockerfile, relative to the workspace, e.g. . or app");
        if (!source.isRemote()) {
            return new ContextDirectory(Path.of(source.getRemote()), false);
        }
        Path local = Files.createTempDirectory("bluegreen-context-");
        long started = System.nanoTime();
        FilePath ignoreFile = source.child(".dockerignore");
        String excludes = ignoreFile.exists() ? DockerIgnoreExcludes.of(ignoreFile.readToString()) : null;
        try {
            int files = source.copyRecursiveTo(new DirScanner.Glob("**/*", excludes, false), new FilePath(local.toFile()),
                    "Docker build context");
            log.line("context: copied " + files + " files from the agent's " + relative + " in "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
        } catch (IOException | InterruptedException | RuntimeException e) {
            new FilePath(local.toFile()).deleteRecursive();
            throw e;
        }
        return new ContextDirectory(local, true);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (copied) {
            new FilePath(path.toFile()).deleteRecursive();
        }
    }
}
