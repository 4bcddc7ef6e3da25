package io.jenkins.plugins.bluegreen.image;

import com.github.dockerjava.api.DockerClient;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.bluegreen.image.ImageReference;
import io.bluegreen.image.RegistryClient;
import io.bluegreen.image.RetagResult;
import io.bluegreen.image.Retagger;
import io.bluegreen.image.TagNames;
import io.bluegreen.validation.InvalidInputException;
import io.jenkins.plugins.bluegreen.BuildContext;
import io.jenkins.plugins.bluegreen.EngineStep;
import io.jenkins.plugins.bluegreen.EngineStepDescriptor;
import io.jenkins.plugins.bluegreen.GitDefaults;
import io.jenkins.plugins.bluegreen.targets.ResolvedTarget;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code retagLatest image: 'registry.example.com/shop/web', from: '1a2b3c4d'}: points a tag
 * ({@code latest} unless told) at the image another tag names, inside the registry. The rollback
 * of "latest", and the promotion of a tested build.
 */
public class RetagLatestStep extends EngineStep {
    private final String image;
    private String from;
    private String tag = "latest";

    @DataBoundConstructor
    public RetagLatestStep(String image) {
        this.image = Util.fixEmptyAndTrim(image);
    }

    public String getImage() {
        return image;
    }

    public String getFrom() {
        return from;
    }

    /** The tag (or sha256 digest) whose image the tag should name; the build's commit when empty. */
    @DataBoundSetter
    public void setFrom(String from) {
        this.from = Util.fixEmptyAndTrim(from);
    }

    public String getTag() {
        return tag;
    }

    @DataBoundSetter
    public void setTag(String tag) {
        this.tag = Util.fixEmptyAndTrim(tag) == null ? "latest" : tag.trim();
    }

    @Override
    protected Map<String, Object> perform(BuildContext build) throws IOException {
        ImageReference source = source(build.env().expand(image), sourceTag(build));
        ResolvedTarget target = resolveTarget(build);
        try (LazyEngine engine = new LazyEngine(target, build)) {
            RetagResult result = new Retagger(RegistryClient.of(source.registry(), target.registry()), engine::get, build.log())
                    .retag(source, build.env().expand(tag));
            Map<String, Object> answer = new HashMap<>();
            answer.put("ref", result.target().toString());
            answer.put("digest", result.digest());
            answer.put("previousDigest", result.previousDigest());
            return answer;
        }
    }

    private String sourceTag(BuildContext build) {
        String given = Util.fixEmptyAndTrim(build.env().expand(from));
        if (given != null) {
            return given;
        }
        String commit = GitDefaults.commit(null, build.env());
        InvalidInputException.require(commit != null, "from", "is empty and the build has no GIT_COMMIT",
                "give the tag to copy, e.g. from: '1a2b3c4d'");
        return TagNames.fullCommit(commit);
    }

    /** {@code repository:from}, or {@code repository@from} for a digest. */
    static ImageReference source(String repository, String from) {
        String separator = from != null && from.startsWith("sha256:") ? "@" : ":";
        ImageReference reference = ImageReference.parse(repository + separator + from, "from");
        InvalidInputException.require(ImageReference.parse(repository, "image").tag() == null, "image",
                "has a tag", "give the repository only; from and tag name the tags");
        return reference;
    }

    /** An engine connection made only if the registry refuses a server-side copy, and closed afterwards. */
    private static final class LazyEngine implements AutoCloseable {
        private final ResolvedTarget target;
        private final BuildContext build;
        private DockerClient docker;

        LazyEngine(ResolvedTarget target, BuildContext build) {
            this.target = target;
            this.build = build;
        }

        DockerClient get() {
            if (docker == null) {
                docker = target.connect(build.log());
            }
            return docker;
        }

        @Override
        public void close() throws IOException {
            if (docker != null) {
                docker.close();
            }
        }
    }

    @Extension
    @Symbol("retagLatest")
    public static class DescriptorImpl extends EngineStepDescriptor {
        @Override
        public String getFunctionName() {
            return "retagLatest";
        }

        @Override
        public String getDisplayName() {
            return "Point a tag (latest) at another tag's image in the registry";
        }

        @POST
        public FormValidation doCheckImage(@AncestorInPath Item item, @QueryParameter String value) {
            return validate(item, () -> {
                if (!isExpression(value)) {
                    source(value, "latest");
                }
            });
        }

        @POST
        public FormValidation doCheckFrom(@AncestorInPath Item item, @QueryParameter String value) {
            return validate(item, () -> {
                String from = Util.fixEmptyAndTrim(value);
                if (from != null && !isExpression(from) && !from.startsWith("sha256:")) {
                    ImageReference.requireTag(from, "from");
                }
            });
        }

        @POST
        public FormValidation doCheckTag(@AncestorInPath Item item, @QueryParameter String value) {
            return validate(item, () -> {
                if (Util.fixEmptyAndTrim(value) != null && !isExpression(value)) {
                    ImageReference.requireTag(value.trim(), "tag");
                }
            });
        }
    }
}
