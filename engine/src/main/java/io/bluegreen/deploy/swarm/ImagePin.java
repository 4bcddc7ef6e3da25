package io.bluegreen.deploy.swarm;

import io.bluegreen.image.ImageOperationException;
import io.bluegreen.image.ImageReference;
import io.bluegreen.image.RegistryClient;
import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.validation.InvalidInputException;
import java.util.Optional;

/**
 * Resolves a tag to the digest its registry holds now, as the docker CLI does before it creates a
 * service, so every node pulls the same image even if the tag moves during the deploy, and an image
 * the registry does not have is refused before anything on the Swarm changes.
 */
final class ImagePin {
    private ImagePin() {
    }

    /** {@code image} as {@code repository:tag@digest}. */
    static String pinned(String image) {
        ImageReference reference = ImageReference.parse(image, "image");
        if (reference.digest() != null) {
            return image;
        }
        Optional<String> digest = digest(reference);
        InvalidInputException.require(digest.isPresent(), "image", "'" + image + "' is not in the registry "
                + reference.registry(), "push it there first, or check the repository and tag");
        return reference + "@" + digest.get();
    }

    /**
     * Over HTTPS, then over plain HTTP, as Docker tries a registry it is told to treat as insecure;
     * anonymously, because a Swarm target takes no registry login yet.
     */
    private static Optional<String> digest(ImageReference reference) {
        String path = reference.apiPath();
        String tag = reference.tagOrDigest();
        try {
            return RegistryClient.of(reference.registry(), RegistryCredentials.anonymous()).digest(path, tag);
        } catch (ImageOperationException overHttps) {
            if (RegistryClient.defaultScheme(reference.registry()).equals("http")) {
                throw overHttps;
            }
            return new RegistryClient(reference.registry(), "http", RegistryCredentials.anonymous()).digest(path, tag);
        }
    }
}
