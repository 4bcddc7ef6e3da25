package io.jenkins.plugins.bluegreen.image;

import com.github.dockerjava.api.DockerClient;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.bluegreen.image.BuildRequest;
import io.bluegreen.image.BuiltImage;
import io.bluegreen.image.ImageBuilder;
import io.bluegreen.image.ImagePusher;
import io.bluegreen.image.ImageReference;
import io.bluegreen.image.PushedImage;
import io.bluegreen.image.TagNames;
import io.bluegreen.validation.InvalidInputException;
import io.jenkins.plugins.bluegreen.BuildContext;
import io.jenkins.plugins.bluegreen.EngineStep;
import io.jenkins.plugins.bluegreen.EngineStepDescriptor;
import io.jenkins.plugins.bluegreen.GitDefaults;
import io.jenkins.plugins.bluegreen.targets.ResolvedTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code def img = dockerBuildTag image: 'registry.example.com/shop/web', push: true}: builds the
 * workspace into an image tagged with the commit, the short commit and the branch, and pushes it.
 */
public class DockerBuildTagStep extends EngineStep {
    private final String image;
    private String context = ".";
    private String dockerfile = "Dockerfile";
    private String commit;
    private String branch;
    private String tags;
    private String buildArgs;
    private String labels;
    private String buildStage;
    private String source;
    private boolean noCache;
    private boolean pull;
    private boolean push;

    @DataBoundConstructor
    public DockerBuildTagStep(String image) {
        this.image = Util.fixEmptyAndTrim(image);
    }

    public String getImage() {
        return image;
    }

    public String getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(String context) {
        this.context = Util.fixEmptyAndTrim(context) == null ? "." : context.trim();
    }

    public String getDockerfile() {
        return dockerfile;
    }

    @DataBoundSetter
    public void setDockerfile(String dockerfile) {
        this.dockerfile = Util.fixEmptyAndTrim(dockerfile) == null ? "Dockerfile" : dockerfile.trim();
    }

    public String getCommit() {
        return commit;
    }

    @DataBoundSetter
    public void setCommit(String commit) {
        this.commit = Util.fixEmptyAndTrim(commit);
    }

    public String getBranch() {
        return branch;
    }

    @DataBoundSetter
    public void setBranch(String branch) {
        this.branch = Util.fixEmptyAndTrim(branch);
    }

    public String getTags() {
        return tags;
    }

    /** Extra tags, separated by spaces or commas. */
    @DataBoundSetter
    public void setTags(String tags) {
        this.tags = Util.fixEmptyAndTrim(tags);
    }

    public String getBuildArgs() {
        return buildArgs;
    }

    /** {@code NAME=value}, one per line. */
    @DataBoundSetter
    public void setBuildArgs(String buildArgs) {
        this.buildArgs = Util.fixEmptyAndTrim(buildArgs);
    }

    public String getLabels() {
        return labels;
    }

    /** {@code name=value}, one per line. */
    @DataBoundSetter
    public void setLabels(String labels) {
        this.labels = Util.fixEmptyAndTrim(labels);
    }

    public String getBuildStage() {
        return buildStage;
    }

    @DataBoundSetter
    public void setBuildStage(String buildStage) {
        this.buildStage = Util.fixEmptyAndTrim(buildStage);
    }

    public String getSource() {
        return source;
    }

    @DataBoundSetter
    public void setSource(String source) {
        this.source = Util.fixEmptyAndTrim(source);
    }

    public boolean isNoCache() {
        return noCache;
    }

    @DataBoundSetter
    public void setNoCache(boolean noCache) {
        this.noCache = noCache;
    }

    public boolean isPull() {
        return pull;
    }

    @DataBoundSetter
    public void setPull(boolean pull) {
        this.pull = pull;
    }

    public boolean isPush() {
        return push;
    }

    @DataBoundSetter
    public void setPush(boolean push) {
        this.push = push;
    }

    @Override
    protected Map<String, Object> perform(BuildContext build) throws IOException, InterruptedException {
        ResolvedTarget target = resolveTarget(build);
        String buildCommit = GitDefaults.commit(build.env().expand(commit), build.env());
        String buildBranch = GitDefaults.branch(build.env().expand(branch), build.env());
        try (ContextDirectory directory = ContextDirectory.of(build.workspace(), build.env().expand(context), build.log());
             DockerClient docker = target.connect(build.log())) {
            BuildRequest request = request(directory.path(), build, buildCommit, buildBranch).validate();
            BuiltImage built = new ImageBuilder(docker, build.log()).build(request);
            PushedImage pushed = push ? pushAll(docker, built.tags(), target, build) : null;
            return result(built, pushed, buildCommit);
        }
    }

    private BuildRequest request(Path contextPath, BuildContext build, String buildCommit, String buildBranch) {
        BuildRequest request = BuildRequest.of(contextPath, build.env().expand(image))
                .withDockerfile(build.env().expand(dockerfile))
                .withNoCache(noCache)
                .withPull(pull)
                .withCommit(buildCommit)
                .withBranch(buildBranch)
                .withTarget(Util.fixEmpty(build.env().expand(buildStage)));
        String sourceUrl = Util.fixEmptyAndTrim(build.env().expand(source));
        if (sourceUrl == null) {
            sourceUrl = Util.fixEmptyAndTrim(build.env().get("gitlabSourceRepoHomepage", build.env().get("GIT_URL")));
        }
        if (sourceUrl != null) {
            request.withSource(sourceUrl);
        }
        extraTags(build.env().expand(tags)).forEach(request::withExtraTag);
        pairs(build.env().expand(buildArgs), "buildArgs").forEach(request::withBuildArg);
        pairs(build.env().expand(labels), "labels").forEach(request::withLabel);
        return request;
    }

    /** Every tag goes up; the registry already has the layers after the first, so the rest are cheap. */
    private static PushedImage pushAll(DockerClient docker, List<ImageReference> tags, ResolvedTarget target,
                                       BuildContext build) {
        ImagePusher pusher = new ImagePusher(docker, build.log());
        PushedImage first = null;
        for (ImageReference tag : tags) {
            PushedImage pushed = pusher.push(tag, target.registry());
            first = first == null ? pushed : first;
        }
        build.log().line("pushed: " + first.pinned());
        return first;
    }

    private static Map<String, Object> result(BuiltImage built, PushedImage pushed, String buildCommit) {
        ImageReference main = built.tags().get(0);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ref", pushed != null ? pushed.pinned() : main.toString());
        result.put("image", main.repository());
        result.put("commit", buildCommit == null ? null : TagNames.fullCommit(buildCommit));
        result.put("tags", built.tags().stream().map(ImageReference::toString).toList());
        result.put("digest", pushed == null ? null : pushed.digest());
        result.put("imageId", built.imageId());
        return result;
    }

    static List<String> extraTags(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[\\s,]+")).filter(t -> !t.isEmpty()).toList();
    }

    /** {@code NAME=value} lines as a map, keeping their order; blank lines and {@code #} comments skipped. */
    static Map<String, String> pairs(String text, String field) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (text == null) {
            return pairs;
        }
        Stream<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"));
        lines.forEach(line -> {
            int equals = line.indexOf('=');
            InvalidInputException.require(equals > 0, field, "'" + line + "' is not NAME=value", "write one NAME=value per line");
            pairs.put(line.substring(0, equals).strip(), line.substring(equals + 1));
        });
        return pairs;
    }

    @Extension
    @Symbol("dockerBuildTag")
    public static class DescriptorImpl extends EngineStepDescriptor {
        @Override
        public String getFunctionName() {
            return "dockerBuildTag";
        }

        @Override
        public String getDisplayName() {
            return "Build, tag and push a Docker image";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(hudson.model.Run.class, hudson.EnvVars.class, hudson.model.TaskListener.class, FilePath.class);
        }

        @POST
        public FormValidation doCheckImage(@AncestorInPath Item item, @QueryParameter String value) {
            return validate(item, () -> {
                if (!isExpression(value)) {
                    ImageReference reference = ImageReference.parse(value, "image");
                    InvalidInputException.require(reference.tag() == null && reference.digest() == null, "image",
                            "has a tag or digest", "leave them out: the commit, branch and tags fields name the image");
                }
            });
        }

        @POST
        public FormValidation doCheckCommit(@AncestorInPath Item item, @QueryParameter String value) {
            return validate(item, () -> {
                if (Util.fixEmptyAndTrim(value) != null && !isExpression(value)) {
                    TagNames.fullCommit(value);
                }
            });
        }

        @POST
        public FormValidation doCheckBranch(@AncestorInPath Item item, @QueryParameter String value) {
            return validate(item, () -> {
                if (Util.fixEmptyAndTrim(value) != null && !isExpression(value)) {
                    TagNames.branch(value);
                }
            });
        }

        @POST
        public FormValidation doCheckTags(@AncestorInPath Item item, @QueryParameter String value) {
            return validate(item, () -> extraTags(value).stream().filter(t -> !isExpression(t))
                    .forEach(tag -> ImageReference.requireTag(tag, "tags")));
        }

        @POST
        public FormValidation doCheckBuildArgs(@AncestorInPath Item item, @QueryParameter String value) {
            return validate(item, () -> pairs(value, "buildArgs"));
        }

        @POST
        public FormValidation doCheckLabels(@AncestorInPath Item item, @QueryParameter String value) {
            return validate(item, () -> pairs(value, "labels"));
        }
    }
}
