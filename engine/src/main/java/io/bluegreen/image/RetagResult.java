package io.bluegreen.image;

import java.time.Duration;

/**
 * A tag moved: {@code target} now names {@code digest}; {@code previousDigest} is what it named
 * before (null when it is new), which is what to retag back to if this was a mistake.
 */
public record RetagResult(ImageReference target, String digest, String previousDigest, Retagger.Method method,
                          Duration took) {
}
