package io.bluegreen.deploy;

import io.bluegreen.router.Colour;

/** One container of an app as the engine describes it, read from its labels and state. */
public record ContainerStatus(String name, Colour colour, String state, String health, String image, String commit,
                              String digest, String deployId, String deployedAt) {
}
