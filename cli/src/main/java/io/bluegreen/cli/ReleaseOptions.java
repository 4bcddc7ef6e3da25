package io.bluegreen.cli;

import io.bluegreen.deploy.DeploySpec;
import picocli.CommandLine.Option;

/** What a deploy puts live: the image and the commit it was built from. */
public final class ReleaseOptions {
    @Option(names = "--image", required = true, paramLabel = "IMAGE",
            description = "image to deploy; remote engines and Swarm nodes pull it, so give its registry address")
    String image;

    @Option(names = "--commit", paramLabel = "SHA", description = "default: the image's org.opencontainers.image.revision label")
    String commit;

    /** The spec, its settings checked before any engine is asked (a bad image reference among them). */
    DeploySpec spec(SpecOptions settings) {
        DeploySpec spec = settings.spec(image).withCommit(commit);
        spec.validateSettings();
        return spec;
    }
}
