package io.bluegreen.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.testbed.TestBed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Builds the images a test needs on the local engine under names unique to this run, reads files
 * back out of them, and removes every local name it made when closed.
 */
final class TestImages implements AutoCloseable {
    final DockerClient docker = TestBed.docker();
    private final List<String> localNames = new ArrayList<>();

    /** A full commit hash that no other run uses. */
    static String randomCommit() {
        return java.util.UUID.randomUUID().toString().replace("-", "") + "01234567";
    }

    static Path writeContext(Path dir, String dockerfile, Map<String, String> files) {
        try {
            Files.writeString(dir.resolve("Dockerfile"), dockerfile);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    BuiltImage build(BuildRequest request, OperatorLog log) {
        request.tags().forEach(tag -> localNames.add(tag.toString()));
        return new ImageBuilder(docker, log).build(request);
    }

    /** Remembers a name made outside {@link #build}, e.g. by a pull or a tag, for removal at the end. */
    void forget(String localName) {
        localNames.add(localName);
    }

    /** Every file under {@code dir} in the image, with its text, read from a container that never runs. */
    Map<String, String> files(String image, String dir) {
        String container = docker.createContainerCmd(image).withCmd("true").exec().getId();
        try (InputStream tar = docker.copyArchiveFromContainerCmd(container, dir).exec();
             TarArchiveInputStream entries = new TarArchiveInputStream(tar)) {
            Map<String, String> files = new TreeMap<>();
            TarArchiveEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                if (entry.isFile()) {
                    ByteArrayOutputStream content = new ByteArrayOutputStream();
                    entries.transferTo(content);
                    files.put(entry.getName(), content.toString(StandardCharsets.UTF_8));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            docker.removeContainerCmd(container).withForce(true).exec();
        }
    }

    void removeLocal(String name) {
        try {
            docker.removeImageCmd(name).withForce(true).exec();
        } catch (NotFoundException alreadyGone) {
            // a test may have removed it on purpose, e.g. before pulling it back
        }
    }

    @Override
    public void close() {
        localNames.forEach(this::removeLocal);
        try {
            docker.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
