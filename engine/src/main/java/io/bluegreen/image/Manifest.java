package io.bluegreen.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A manifest exactly as the registry stored it. The bytes are kept untouched: re-serialising them
 * would change the digest, and the digest is the image's identity.
 */
public record Manifest(String mediaType, byte[] body) {

    /** The content digest, computed here rather than trusted from a header. */
    public String digest() {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
