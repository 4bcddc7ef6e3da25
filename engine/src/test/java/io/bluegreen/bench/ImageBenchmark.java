package io.bluegreen.bench;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.image.BuildRequest;
import io.bluegreen.image.BuiltImage;
import io.bluegreen.image.ImageBuilder;
import io.bluegreen.image.ImagePusher;
import io.bluegreen.image.ImageReference;
import io.bluegreen.image.PullTagPush;
import io.bluegreen.image.RegistryClient;
import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.image.Retagger;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.testbed.TestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figures for the image road, all in one run on the same engine and registry (127.0.0.1:5000):
 * retag registry-side against pull/tag/push, for a 1 MB and a 200 MB image; and build+push through
 * our engine against the docker CLI doing the same. The CLI appears here only as the yardstick.
 * Usage: ImageBenchmark [results.md]
 */
public final class ImageBenchmark {
    private static final int REPEATS = 3;
    private static final RegistryCredentials ANONYMOUS = RegistryCredentials.anonymous();

    private final DockerClient docker = TestBed.docker();
    private final OperatorLog quiet = OperatorLog.silent();
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> localNames = new ArrayList<>();

    /** One image size: how its context is made. */
    private record Size(String label, String dockerfile, int copiedBytes) {
    }

    private static final List<Size> SIZES = List.of(
            new Size("1 MB", "FROM scratch\nCOPY blob /blob\n", 1 << 20),
            new Size("200 MB", "FROM " + TestBed.BUSYBOX + "\nRUN head -c 209715200 /dev/urandom > /blob\n", 0));

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results/image.md");
        ImageBenchmark benchmark = new ImageBenchmark();
        try {
            for (Size size : SIZES) {
                benchmark.measure(size);
            }
        } finally {
            benchmark.removeLocalImages();
        }
        String table = benchmark.table();
        System.out.println(table);
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.writeString(results, "# Image benchmark\n\n" + environment() + "\n" + table + "\n" + NOTES);
    }

    private void measure(Size size) throws Exception {
        Path context = Files.createTempDirectory("bench-image");
        Files.writeString(context.resolve("Dockerfile"), size.dockerfile());
        String repository = TestBed.REGISTRY + "/" + TestBed.uniqueName("bluegreen-bench/image");
        List<Duration> ours = new ArrayList<>();
        List<Duration> cli = new ArrayList<>();
        // One untimed round first, so class loading and the JIT do not count against our side.
        writeRandom(context, size);
        ImageReference lastOurs = buildAndPush(context, repository, "warm-up");
        for (int i = 0; i < REPEATS; i++) {
            // Fresh random content each time, so neither side finds its layers already in the registry.
            writeRandom(context, size);
            long started = System.nanoTime();
            lastOurs = buildAndPush(context, repository, "ours-" + i);
            ours.add(since(started));
            writeRandom(context, size);
            started = System.nanoTime();
            dockerCli(context, repository + ":cli-" + i);
            cli.add(since(started));
        }
        row(size, "build + push, our engine (docker-java)", ours);
        row(size, "build + push, docker CLI", cli);
        measureRetag(size, lastOurs);
    }

    private ImageReference buildAndPush(Path context, String repository, String tag) {
        BuiltImage built = new ImageBuilder(docker, quiet)
                .build(BuildRequest.of(context, repository).withExtraTag(tag).withNoCache(true));
        localNames.add(built.imageId());
        ImageReference image = built.tags().get(0);
        new ImagePusher(docker, quiet).push(image, ANONYMOUS);
        return image;
    }

    private void measureRetag(Size size, ImageReference source) {
        RegistryClient registry = RegistryClient.of(TestBed.REGISTRY, ANONYMOUS);
        String expected = registry.digest(source.apiPath(), source.tag()).orElseThrow();
        Retagger retagger = new Retagger(registry, null, quiet);
        PullTagPush pullTagPush = new PullTagPush(docker, quiet);
        List<Duration> registrySide = new ArrayList<>();
        List<Duration> cold = new ArrayList<>();
        List<Duration> warm = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            long started = System.nanoTime();
            retagger.retag(source, "registry-side-" + i);
            registrySide.add(since(started));
            // Cold: the engine lacks the image, as a fresh CI agent or another host would.
            docker.removeImageCmd(docker.inspectImageCmd(source.toString()).exec().getId()).withForce(true).exec();
            started = System.nanoTime();
            pullTagPush.retag(source, "cold-" + i, ANONYMOUS);
            cold.add(since(started));
            started = System.nanoTime();
            pullTagPush.retag(source, "warm-" + i, ANONYMOUS);
            warm.add(since(started));
            for (String tag : List.of("registry-side-", "cold-", "warm-")) {
                String digest = registry.digest(source.apiPath(), tag + i).orElseThrow();
                if (!digest.equals(expected)) {
                    throw new IllegalStateException(tag + i + " names " + digest + ", expected " + expected);
                }
            }
        }
        row(size, "retag, registry-side manifest copy", registrySide);
        row(size, "retag, pull/tag/push, image not on the engine", cold);
        row(size, "retag, pull/tag/push, image already on the engine", warm);
    }

    private static void writeRandom(Path context, Size size) throws IOException {
        byte[] blob = new byte[size.copiedBytes()];
        new SecureRandom().nextBytes(blob);
        Files.write(context.resolve("blob"), blob);
    }

    private void dockerCli(Path context, String image) throws IOException, InterruptedException {
        localNames.add(image);
        run(Map.of("DOCKER_BUILDKIT", "0"), "docker", "build", "--no-cache", "-q", "-t", image, context.toString());
        run(Map.of(), "docker", "push", "-q", image);
    }

    private static void run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true);
        process.environment().putAll(env);
        Process started = process.start();
        String output = new String(started.getInputStream().readAllBytes());
        if (started.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private void row(Size size, String what, List<Duration> runs) {
        List<Duration> sorted = runs.stream().sorted().toList();
        rows.add(new String[] {size.label(), what, seconds(sorted.get(sorted.size() / 2)),
                seconds(sorted.get(0)), seconds(sorted.get(sorted.size() - 1))});
        System.out.printf("%-7s %-50s median %s%n", size.label(), what, seconds(sorted.get(sorted.size() / 2)));
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
    }

    private String table() {
        StringBuilder table = new StringBuilder("| image | operation | median | min | max |\n|---|---|---:|---:|---:|\n");
        for (String[] row : rows) {
            table.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return table.toString();
    }

    private static String environment() throws IOException, InterruptedException {
        Process version = new ProcessBuilder("docker", "version", "-f", "{{.Server.Version}}").start();
        String engine = new String(version.getInputStream().readAllBytes()).trim();
        version.waitFor();
        return "Run " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " on "
                + Runtime.getRuntime().availableProcessors() + " CPUs, Docker engine " + engine
                + ", registry " + TestBed.REGISTRY + " (loopback, plain HTTP), " + REPEATS + " runs each.\n";
    }

    private void removeLocalImages() {
        for (String name : localNames) {
            try {
                docker.removeImageCmd(name).withForce(true).exec();
            } catch (RuntimeException alreadyGone) {
                // removed with another of its names, or by the cold retag above
            }
        }
    }

    private static final String NOTES = """

            Notes:
            - Build + push: a fresh build (--no-cache, new random content) and a push of every layer to
              a new repository; the docker CLI run uses the classic builder (DOCKER_BUILDKIT=0), as
              the engine API does.
            - Retag registry-side: GET the manifest, PUT it under the new tag, read the digest back.
              No layer moves, so 1 MB and 200 MB should take the same time.
            - Retag pull/tag/push: what the fallback does; "not on the engine" pulls every layer
              first (a fresh agent), "already on the engine" only re-pushes (layers exist).
            - Each build + push series starts with one untimed round of ours (JVM warm-up).
            - Other helpers may have been using the same 2-core machine during the run.
            """;
}
