package io.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.bluegreen.image.RegistryClient;
import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RequiresTestBed
class ImageCommandsTest {
    private static final Pattern PUSHED = Pattern.compile("pushed (\\S+) (sha256:[0-9a-f]{64})");
    private static final List<String> LOCAL_NAMES = new ArrayList<>();
    private static Path context;

    @BeforeAll
    static void writeContext() throws IOException {
        context = Files.createTempDirectory("cli-build");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + TestBed.BUSYBOX + "\nRUN echo built-by-cli\n");
    }

    @AfterAll
    static void removeImages() throws IOException {
        try (DockerClient docker = TestBed.docker()) {
            for (String name : LOCAL_NAMES) {
                try {
                    docker.removeImageCmd(name).withForce(true).exec();
                } catch (NotFoundException alreadyGone) {
                    // a failed build leaves nothing to remove
                }
            }
        }
    }

    private static String commit() {
        return UUID.randomUUID().toString().replace("-", "") + "01234567";
    }

    private static CliRun build(String repository, String commit, String... more) {
        LOCAL_NAMES.add(repository + ":" + commit);
        LOCAL_NAMES.add(repository + ":" + commit.substring(0, 8));
        List<String> args = new ArrayList<>(List.of("build", "--context", context.toString(), "--image", repository,
                "--commit", commit, "--no-cache"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static String digestIn(CliRun run, String reference) {
        Matcher matcher = PUSHED.matcher(run.out());
        while (matcher.find()) {
            if (matcher.group(1).equals(reference)) {
                return matcher.group(2);
            }
        }
        throw new AssertionError("no 'pushed " + reference + "' line in:\n" + run.out());
    }

    @Test
    void buildPushThenRetagLatestBackAndForth() {
        String repository = TestBed.REGISTRY + "/" + TestBed.uniqueName("bluegreen-cli/app");
        String commitA = commit();
        String commitB = commit();
        LOCAL_NAMES.add(repository + ":main");

        CliRun a = build(repository, commitA, "--push");
        CliRun b = build(repository, commitB, "--branch", "main", "--push");

        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.out()).contains("built-by-cli").contains("build: done in").contains("push: done in");
        String digestA = digestIn(a, repository + ":" + commitA);
        String digestB = digestIn(b, repository + ":main");

        CliRun rollback = CliRun.of("retag", repository + ":" + commitA.substring(0, 8), "main");

        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("retagged " + repository + ":main " + digestA + " (was " + digestB + ")");
        RegistryClient registry = RegistryClient.of(TestBed.REGISTRY, RegistryCredentials.anonymous());
        String path = repository.substring(TestBed.REGISTRY.length() + 1);
        assertThat(registry.digest(path, "main")).contains(digestA);
        assertThat(CliRun.of("retag", repository + ":" + commitB, "main").exitCode()).isZero();
        assertThat(registry.digest(path, "main")).contains(digestB);
    }

    @Test
    void pushWithAPasswordFromStdinAndAWrongOneThatIsNeverPrinted() {
        String repository = TestBed.AUTH_REGISTRY + "/" + TestBed.uniqueName("bluegreen-cli/app");
        String commit = commit();
        assertThat(build(repository, commit).exitCode()).isZero();
        String image = repository + ":" + commit;

        CliRun wrong = CliRun.withStdin("not-the-password\n", "push", "--registry-user", TestBed.AUTH_USER,
                "--registry-password-stdin", image);
        CliRun right = CliRun.withStdin(TestBed.AUTH_PASSWORD + "\n", "push", "--registry-user", TestBed.AUTH_USER,
                "--registry-password-stdin", image);

        assertThat(wrong.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(wrong.err()).contains("--registry-user/--registry-password-stdin/--registry-password-env: registry " + TestBed.AUTH_REGISTRY
                + " refused user " + TestBed.AUTH_USER);
        assertThat(wrong.out() + wrong.err()).doesNotContain("not-the-password");
        assertThat(right.exitCode()).as(right.err()).isZero();
        assertThat(right.out()).doesNotContain(TestBed.AUTH_PASSWORD);
        digestIn(right, image);
    }

    @Test
    void retagOfAMissingTagIsBadInput() {
        CliRun run = CliRun.of("retag", TestBed.REGISTRY + "/" + TestBed.uniqueName("bluegreen-cli/none") + ":v1", "latest");

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("is not in registry").contains("nothing was changed");
    }

    @Test
    void badInputExitsWithTwoAndNamesTheField() {
        CliRun missingDockerfile = CliRun.of("build", "--context", context.toString(), "-f", "nope/Dockerfile",
                "--image", TestBed.REGISTRY + "/x", "--commit", commit());
        CliRun shortCommit = CliRun.of("build", "--context", context.toString(), "--image", TestBed.REGISTRY + "/x",
                "--commit", "abc1234");
        CliRun untagged = CliRun.of("push", TestBed.REGISTRY + "/x");
        CliRun badTag = CliRun.of("retag", TestBed.REGISTRY + "/x:v1", "bad!tag");
        CliRun missingVariable = CliRun.of("push", "--registry-user", "u", "--registry-password-env",
                "BLUEGREEN_NO_SUCH_VARIABLE", TestBed.REGISTRY + "/x:v1");
        CliRun unknownFlag = CliRun.of("build", "--no-such-flag");

        assertThat(missingDockerfile.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(missingDockerfile.err()).contains("dockerfile:").contains("fix:");
        assertThat(shortCommit.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(shortCommit.err()).contains("commit:");
        assertThat(untagged.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(untagged.err()).contains("IMAGE:TAG:").contains("has no tag");
        assertThat(badTag.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(badTag.err()).contains("TAG:");
        assertThat(missingVariable.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(missingVariable.err()).contains("BLUEGREEN_NO_SUCH_VARIABLE is not set");
        assertThat(unknownFlag.exitCode()).isEqualTo(Main.BAD_INPUT);
    }

    @Test
    void anUnreachableEngineExitsWithThree() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        CliRun run = CliRun.of("push", "--engine", "tcp://127.0.0.1:" + closedPort, TestBed.REGISTRY + "/x:v1");

        assertThat(run.exitCode()).isEqualTo(Main.UNREACHABLE);
        assertThat(run.out()).contains("WARNING:").contains("plain TCP");
        assertThat(run.err()).contains("is unreachable");
    }
}
