package io.bluegreen.image;

import io.bluegreen.validation.InvalidInputException;
import java.util.regex.Pattern;

/**
 * An image name as Docker's reference grammar has it: {@code [registry[:port]/]path[:tag][@digest]}.
 * Parsing refuses anything the engine or a registry would refuse later, so a typo fails before a
 * build starts rather than after it.
 */
public record ImageReference(String registry, String path, String tag, String digest) {

    /** Where a name without a registry part lives, as the docker CLI assumes. */
    public static final String DEFAULT_REGISTRY = "docker.io";

    static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
                    + "|\\[[0-9a-fA-F:.]+]");
    private static final int MAX_NAME_LENGTH = 255;
    private static final String EXAMPLE = "registry.example.com:5000/team/app:1.0";

    public ImageReference {
        InvalidInputException.require(registry != null && path != null, "image", "has no repository path",
                "give a name such as " + EXAMPLE);
    }

    /**
     * Parses {@code text}; {@code field} names the setting it came from, so the error message points
     * at the right place in a job configuration or on a command line.
     */
    public static ImageReference parse(String text, String field) {
        InvalidInputException.require(text != null && !text.isBlank(), field, "is empty", "give a name such as " + EXAMPLE);
        String rest = text.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            requireDigest(digest, field);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            requireTag(tag, field);
        }
        String registry = DEFAULT_REGISTRY;
        int slash = rest.indexOf('/');
        if (slash > 0 && looksLikeRegistry(rest.substring(0, slash))) {
            registry = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
            requireRegistry(registry, field);
        }
        requirePath(rest, field);
        InvalidInputException.require(registry.length() + 1 + rest.length() <= MAX_NAME_LENGTH, field,
                "name '" + registry + "/" + rest + "' is longer than " + MAX_NAME_LENGTH + " characters",
                "shorten the repository path");
        return new ImageReference(registry, rest, tag, digest);
    }

    /** A tag as Docker allows it: {@code [\w][\w.-]{0,127}}. */
    public static void requireTag(String tag, String field) {
        InvalidInputException.require(tag != null && TAG.matcher(tag).matches(), field,
                "tag '" + tag + "' is not legal (letters, digits, '_', '.', '-'; first not '.' or '-'; at most 128)",
                "use a tag such as 1.0 or main");
    }

    private static void requireDigest(String digest, String field) {
        InvalidInputException.require(DIGEST.matcher(digest).matches(), field,
                "digest '" + digest + "' is not sha256: followed by 64 lowercase hex digits",
                "copy the digest exactly as the registry printed it");
    }

    private static void requireRegistry(String registry, String field) {
        String host = registry;
        int colon = registry.lastIndexOf(':');
        if (colon > registry.lastIndexOf(']')) {
            String port = registry.substring(colon + 1);
            host = registry.substring(0, colon);
            InvalidInputException.require(port.matches("[0-9]{1,5}") && Integer.parseInt(port) <= 65535, field,
                    "registry port '" + port + "' is not a number from 0 to 65535", "give host:port, e.g. registry.example.com:5000");
        }
        InvalidInputException.require(HOST.matcher(host).matches(), field,
                "registry host '" + host + "' is not a host name or IP address", "give host:port, e.g. registry.example.com:5000");
    }

    private static void requirePath(String path, String field) {
        InvalidInputException.require(!path.isEmpty(), field, "has no repository path", "give a name such as " + EXAMPLE);
        for (String component : path.split("/", -1)) {
            InvalidInputException.require(PATH_COMPONENT.matcher(component).matches(), field,
                    "path component '" + component + "' is not legal (lowercase letters and digits, separated by"
                            + " '.', '_', '__' or dashes)", "use a lowercase repository path such as team/app");
        }
    }

    /** Docker's rule: the first part is a registry when it has a dot or a port, or is localhost. */
    private static boolean looksLikeRegistry(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[")
                || !first.equals(first.toLowerCase());
    }

    /** The repository without tag or digest, as the engine names it: {@code registry/path}. */
    public String repository() {
        return registry.equals(DEFAULT_REGISTRY) && !path.contains("/") ? path : registry + "/" + path;
    }

    /** The repository path as the registry's HTTP API wants it (Docker Hub puts official images under library/). */
    public String apiPath() {
        return registry.equals(DEFAULT_REGISTRY) && !path.contains("/") ? "library/" + path : path;
    }

    /** The same repository under another tag (and no digest). */
    public ImageReference withTag(String newTag) {
        requireTag(newTag, "tag");
        return new ImageReference(registry, path, newTag, null);
    }

    /** Refuses a reference without a tag where one is needed (push, retag), naming {@code field}. */
    public ImageReference requireTagged(String field) {
        InvalidInputException.require(tag != null, field, "'" + this + "' has no tag",
                "add the tag, e.g. " + repository() + ":1.0");
        return this;
    }

    /** The tag or digest a registry knows this image by; {@code latest} when neither was given, as Docker does. */
    public String tagOrDigest() {
        if (digest != null) {
            return digest;
        }
        return tag == null ? "latest" : tag;
    }

    @Override
    public String toString() {
        return repository() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
