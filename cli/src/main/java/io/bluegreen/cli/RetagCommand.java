package io.bluegreen.cli;

import io.bluegreen.image.ImageReference;
import io.bluegreen.image.RegistryClient;
import io.bluegreen.image.RetagResult;
import io.bluegreen.image.Retagger;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.validation.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bluegreen retag}: the rollback. Works in the registry alone; the engine is contacted only if
 * the registry refuses a manifest copy and pull/tag/push must stand in.
 */
@Command(name = "retag", mixinStandardHelpOptions = true,
        description = "Point TAG at the image SOURCE names, in the registry (e.g. latest back to an older commit).")
final class RetagCommand extends RegistryCommand {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "image to point at, e.g. registry.example.com/team/app:3f786850")
    String source;

    @Parameters(index = "1", paramLabel = "TAG", description = "tag to move, in the same repository, e.g. latest")
    String tag;

    @Option(names = "--registry-scheme", paramLabel = "http|https",
            description = "default: http for localhost and 127.0.0.0/8 (as Docker treats them), https otherwise")
    String scheme;

    @Override
    public Integer call() {
        ImageReference from = ImageReference.parse(source, "SOURCE");
        ImageReference.requireTag(tag, "TAG");
        InvalidInputException.require(scheme == null || scheme.equals("http") || scheme.equals("https"),
                "--registry-scheme", "'" + scheme + "' is neither http nor https", "give http or https");
        RegistryClient client = new RegistryClient(from.registry(),
                scheme == null ? RegistryClient.defaultScheme(from.registry()) : scheme, registry.credentials());
        OperatorLog log = log();
        RetagResult result = new Retagger(client, () -> engine.connect(log), log).retag(from, tag);
        out().println("retagged " + result.target() + " " + result.digest()
                + " (was " + (result.previousDigest() == null ? "absent" : result.previousDigest()) + ")");
        return 0;
    }
}
