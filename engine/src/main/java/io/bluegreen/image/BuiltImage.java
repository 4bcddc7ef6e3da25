package io.bluegreen.image;

import java.time.Duration;
import java.util.List;

/** What a build produced: the engine's image id and every name it now carries locally. */
public record BuiltImage(String imageId, List<ImageReference> tags, Duration took) {
}
