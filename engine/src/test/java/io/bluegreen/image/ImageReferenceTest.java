package io.bluegreen.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bluegreen.validation.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    @Test
    void splitsRegistryWithPortPathTagAndDigest() {
        String digest = "sha256:" + "a1".repeat(32);
        ImageReference ref = ImageReference.parse("127.0.0.1:5000/team/app:v1.2@" + digest, "image");

        assertThat(ref.registry()).isEqualTo("127.0.0.1:5000");
        assertThat(ref.path()).isEqualTo("team/app");
        assertThat(ref.tag()).isEqualTo("v1.2");
        assertThat(ref.digest()).isEqualTo(digest);
        assertThat(ref.tagOrDigest()).isEqualTo(digest);
        assertThat(ref).hasToString("127.0.0.1:5000/team/app:v1.2@" + digest);
    }

    @Test
    void aPortWithoutTagIsNotMistakenForATag() {
        ImageReference ref = ImageReference.parse("registry.example.com:5000/app", "image");

        assertThat(ref.registry()).isEqualTo("registry.example.com:5000");
        assertThat(ref.path()).isEqualTo("app");
        assertThat(ref.tag()).isNull();
        assertThat(ref.tagOrDigest()).isEqualTo("latest");
    }

    @Test
    void aNameWithoutRegistryIsDockerHubsAndOfficialImagesLiveUnderLibrary() {
        ImageReference official = ImageReference.parse("nginx:1.25", "image");
        ImageReference team = ImageReference.parse("team/app", "image");

        assertThat(official.registry()).isEqualTo("docker.io");
        assertThat(official.repository()).isEqualTo("nginx");
        assertThat(official.apiPath()).isEqualTo("library/nginx");
        assertThat(team.registry()).isEqualTo("docker.io");
        assertThat(team.apiPath()).isEqualTo("team/app");
    }

    @Test
    void localhostAndIpv6AreRegistries() {
        assertThat(ImageReference.parse("localhost/app", "image").registry()).isEqualTo("localhost");
        assertThat(ImageReference.parse("[::1]:5000/app:x", "image").registry()).isEqualTo("[::1]:5000");
    }

    @Test
    void separatorsInsidePathComponentsFollowTheGrammar() {
        assertThat(ImageReference.parse("a/b.c_d__e---f", "image").path()).isEqualTo("a/b.c_d__e---f");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Team/app", "host.example.com/App", "app_/x", "a//b", "-app", "app..x", "app___x", ""})
    void refusesIllegalRepositoryPaths(String name) {
        assertThatThrownBy(() -> ImageReference.parse("registry.example.com/" + name, "deploy.image"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("deploy.image"))
                .hasMessageContaining("path");
    }

    @ParameterizedTest
    @ValueSource(strings = {".hidden", "-dash", "has space", "ü", ""})
    void refusesIllegalTags(String tag) {
        assertThatThrownBy(() -> ImageReference.parse("registry.example.com/app:" + tag, "image"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tag '" + tag + "'");
    }

    @Test
    void acceptsTagsUpTo128CharactersAndNoLonger() {
        String longest = "a" + "b".repeat(127);
        assertThat(ImageReference.parse("app:" + longest, "image").tag()).isEqualTo(longest);
        assertThatThrownBy(() -> ImageReference.parse("app:" + longest + "c", "image"))
                .hasMessageContaining("tag");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256:abc", "sha512:" + "ab", "sha256:" + "AB"})
    void refusesMalformedDigests(String digest) {
        assertThatThrownBy(() -> ImageReference.parse("app@" + digest, "image"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("digest");
    }

    @Test
    void refusesBadRegistryPortsAndHosts() {
        assertThatThrownBy(() -> ImageReference.parse("registry.example.com:99999/app", "image"))
                .hasMessageContaining("registry port");
        assertThatThrownBy(() -> ImageReference.parse("bad_host.example.com/app", "image"))
                .hasMessageContaining("registry host");
    }

    @Test
    void refusesNamesLongerThanDockerAllows() {
        assertThatThrownBy(() -> ImageReference.parse("registry.example.com/" + "a".repeat(250), "image"))
                .hasMessageContaining("longer than 255");
    }

    @Test
    void withTagReplacesTagAndDropsDigest() {
        ImageReference ref = ImageReference.parse("127.0.0.1:5000/app:old@sha256:" + "0".repeat(64), "image");
        assertThat(ref.withTag("new")).hasToString("127.0.0.1:5000/app:new");
    }
}
