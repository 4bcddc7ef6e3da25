package io.bluegreen.image;

import java.time.Duration;

/** A tag now in the registry, with the manifest digest the registry gave it. */
public record PushedImage(ImageReference reference, String digest, Duration took) {

    /** The immutable name: repository@digest, what a deploy should pull. */
    public String pinned() {
        return reference.repository() + "@" + digest;
    }
}
