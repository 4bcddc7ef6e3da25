package io.bluegreen.image;

import io.bluegreen.validation.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What to build and how to name it, in docker-java's command-builder style. {@link #validate()}
 * checks everything an engine would refuse, before anything is sent to one.
 */
public final class BuildRequest {

    public static final String LABEL_REVISION = "org.opencontainers.image.revision";
    public static final String LABEL_SOURCE = "org.opencontainers.image.source";
    public static final String LABEL_CREATED = "org.opencontainers.image.created";

    private static final Pattern BUILD_ARG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

    private final Path context;
    private final String image;
    private String dockerfile = "Dockerfile";
    private final Map<String, String> buildArgs = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<String> extraTags = new ArrayList<>();
    private String target;
    private boolean noCache;
    private boolean pull;
    private String commit;
    private String branch;
    private String source;
    private Instant created;

    private BuildRequest(Path context, String image) {
        this.context = context;
        this.image = image;
    }

    /** Builds {@code context} into repository {@code image} (e.g. registry.example.com/team/app, no tag). */
    public static BuildRequest of(Path context, String image) {
        return new BuildRequest(context, image);
    }

    /** The Dockerfile's path relative to the context; {@code Dockerfile} unless told. */
    public BuildRequest withDockerfile(String relativePath) {
        this.dockerfile = relativePath;
        return this;
    }

    public BuildRequest withBuildArg(String name, String value) {
        buildArgs.put(name, value);
        return this;
    }

    public BuildRequest withLabel(String name, String value) {
        labels.put(name, value);
        return this;
    }

    public BuildRequest withTarget(String stage) {
        this.target = stage;
        return this;
    }

    public BuildRequest withNoCache(boolean noCache) {
        this.noCache = noCache;
        return this;
    }

    /** Asks the engine to fetch a newer base image; only for bases it can reach. */
    public BuildRequest withPull(boolean pull) {
        this.pull = pull;
        return this;
    }

    /** The full git commit hash; it becomes two tags and the revision label. */
    public BuildRequest withCommit(String fullHash) {
        this.commit = fullHash;
        return this;
    }

    public BuildRequest withBranch(String branchName) {
        this.branch = branchName;
        return this;
    }

    public BuildRequest withExtraTag(String tag) {
        extraTags.add(tag);
        return this;
    }

    /** Where the code lives, e.g. the GitLab project URL; becomes the source label. */
    public BuildRequest withSource(String url) {
        this.source = url;
        return this;
    }

    /** The created label's time; now (at validation) unless told, fixed here for reproducible builds. */
    public BuildRequest withCreated(Instant instant) {
        this.created = instant;
        return this;
    }

    /** Throws an {@link InvalidInputException} naming the first field that is wrong. */
    public BuildRequest validate() {
        InvalidInputException.require(context != null && Files.isDirectory(context), "context",
                "'" + context + "' is not a directory", "give the directory that holds the Dockerfile and the sources");
        InvalidInputException.require(Files.isReadable(context) && Files.isExecutable(context), "context",
                "'" + context + "' cannot be read", "give the build user read access to it");
        InvalidInputException.require(dockerfile != null && !dockerfile.isBlank(), "dockerfile", "is empty",
                "give the Dockerfile's path relative to the context, e.g. Dockerfile");
        Path file = dockerfilePath();
        InvalidInputException.require(file.startsWith(context.toAbsolutePath().normalize()), "dockerfile",
                "'" + dockerfile + "' lies outside the context", "give a path inside the context directory");
        InvalidInputException.require(Files.isRegularFile(file) && Files.isReadable(file), "dockerfile",
                "'" + file + "' is missing or unreadable", "give the Dockerfile's path relative to the context");
        ImageReference repository = ImageReference.parse(image, "image");
        InvalidInputException.require(repository.tag() == null && repository.digest() == null, "image",
                "'" + image + "' carries a tag or digest", "give the repository only; tags come from commit, branch and tags");
        buildArgs.keySet().forEach(name -> InvalidInputException.require(BUILD_ARG_NAME.matcher(name).matches(),
                "build-arg", "'" + name + "' is not a legal argument name", "use letters, digits and '_', as in the ARG line"));
        labels.keySet().forEach(name -> InvalidInputException.require(name != null && !name.isBlank()
                && !name.contains("="), "label", "'" + name + "' is not a label name", "use a name such as com.example.team"));
        InvalidInputException.require(target == null || STAGE_NAME.matcher(target).matches(), "target",
                "'" + target + "' is not a stage name", "use the name after AS in the FROM line");
        InvalidInputException.require(commit != null || branch != null || !extraTags.isEmpty(), "tags",
                "no commit, branch or tag given, so the image would have no name", "give at least the commit");
        tags();
        if (created == null) {
            created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        }
        return this;
    }

    /** Every name the image gets: the full and the short commit, the branch, then the extra tags. */
    public List<ImageReference> tags() {
        ImageReference repository = ImageReference.parse(image, "image");
        Set<String> names = new LinkedHashSet<>();
        if (commit != null) {
            names.add(TagNames.fullCommit(commit));
            names.add(TagNames.shortCommit(commit));
        }
        if (branch != null) {
            names.add(TagNames.branch(branch));
        }
        extraTags.forEach(tag -> ImageReference.requireTag(tag, "tag"));
        names.addAll(extraTags);
        return names.stream().map(repository::withTag).toList();
    }

    /** The labels as given, plus the OCI ones that tie the image to its commit. */
    public Map<String, String> labels() {
        Map<String, String> all = new LinkedHashMap<>(labels);
        if (commit != null) {
            all.put(LABEL_REVISION, TagNames.fullCommit(commit));
        }
        if (source != null) {
            all.put(LABEL_SOURCE, source);
        }
        all.put(LABEL_CREATED, (created == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : created).toString());
        return all;
    }

    public Path context() {
        return context;
    }

    public Path dockerfilePath() {
        return context.toAbsolutePath().normalize().resolve(dockerfile).normalize();
    }

    public Map<String, String> buildArgs() {
        return Map.copyOf(buildArgs);
    }

    public String target() {
        return target;
    }

    public boolean noCache() {
        return noCache;
    }

    public boolean pull() {
        return pull;
    }
}
