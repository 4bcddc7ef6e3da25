package io.bluegreen.image;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.validation.InvalidInputException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Points one tag at the image another tag names, in the registry: the rollback ("latest is commit
 * A's image again"). The manifest is copied as bytes under the new tag, so no layer moves and the
 * time does not grow with the image. Registries that refuse the copy get pull/tag/push through an
 * engine. Either way the two tags' digests are compared at the end.
 */
public final class Retagger {

    /** How the tag was moved. */
    public enum Method { REGISTRY_SIDE, PULL_TAG_PUSH }

    /** Answers that mean "this registry will not take a manifest this way", not "you may not". */
    private static final Set<Integer> REFUSALS_WORTH_A_FALLBACK = Set.of(400, 405, 415, 501);

    private final RegistryClient registry;
    private final Supplier<DockerClient> engineForFallback;
    private final OperatorLog log;

    /**
     * {@code engineForFallback} is asked for only if the registry refuses the copy, so a retag never
     * needs an engine otherwise; it may be null when there is none to use.
     */
    public Retagger(RegistryClient registry, Supplier<DockerClient> engineForFallback, OperatorLog log) {
        this.registry = registry;
        this.engineForFallback = engineForFallback;
        this.log = log;
    }

    /** Makes {@code newTag} in the source's repository name the image {@code source} names. */
    public RetagResult retag(ImageReference source, String newTag) {
        ImageReference.requireTag(newTag, "tag");
        InvalidInputException.require(source.registry().equals(registry.registry()), "image",
                "'" + source + "' is not in registry " + registry.registry(), "give an image in that registry");
        ImageReference target = source.withTag(newTag);
        long started = System.nanoTime();
        String path = source.apiPath();
        Manifest manifest = registry.manifest(path, source.tagOrDigest()).orElseThrow(() -> new InvalidInputException(
                "image", source + " is not in registry " + source.registry() + "; nothing was changed",
                "check the tag, or push that image first"));
        String previous = registry.digest(path, newTag).orElse(null);
        log.line("retag: " + target + " -> " + manifest.digest() + " (was " + (previous == null ? "absent" : previous) + ")");
        Method method = copy(source, newTag, manifest);
        String now = registry.digest(path, newTag).orElse("nothing");
        if (!now.equals(manifest.digest())) {
            throw new ImageOperationException("retag: after " + method + ", " + target + " names " + now + " but "
                    + source + " names " + manifest.digest() + "; check the registry by hand (was " + previous + ")");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log.line("retag: done in " + Durations.format(took) + " (" + method + "), " + target + " = " + now);
        return new RetagResult(target, now, previous, method, took);
    }

    private Method copy(ImageReference source, String newTag, Manifest manifest) {
        try {
            registry.putManifest(source.apiPath(), newTag, manifest);
            return Method.REGISTRY_SIDE;
        } catch (RegistryHttpException e) {
            if (!REFUSALS_WORTH_A_FALLBACK.contains(e.status()) || engineForFallback == null) {
                throw e;
            }
            log.warn("registry refused the manifest copy (" + e.getMessage() + "); falling back to pull/tag/push");
        }
        new PullTagPush(engineForFallback.get(), log).retag(source, newTag, registry.credentials());
        return Method.PULL_TAG_PUSH;
    }
}
