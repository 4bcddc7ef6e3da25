package io.jenkins.plugins.bluegreen.image;

import java.util.ArrayList;
import java.util.List;

/**
 * A conservative translation of {@code .dockerignore} into Ant excludes, so that what the engine
 * would ignore anyway (node_modules, build output) does not cross the network from an agent. The
 * engine applies the real file again when it packs the context, so this only has to be safe, never
 * complete: a file with exceptions ({@code !pattern}) or character classes is not translated at all.
 */
final class DockerIgnoreExcludes {

    private DockerIgnoreExcludes() {
    }

    /** Comma-separated Ant excludes, or null when the file cannot be translated safely. */
    static String of(String dockerignore) {
        List<String> excludes = new ArrayList<>();
        for (String raw : dockerignore.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("!") || line.contains("[") || line.contains("\\") || line.contains(",")) {
                return null;
            }
            String pattern = line.replaceFirst("^(\\./|/)+", "").replaceFirst("/+$", "");
            if (pattern.isEmpty() || pattern.equals(".") || pattern.equals("**")) {
                return null;
            }
            // Docker skips a matched directory with everything in it; Ant needs that said.
            excludes.add(pattern);
            excludes.add(pattern + "/**");
        }
        return excludes.isEmpty() ? null : String.join(",", excludes);
    }
}
