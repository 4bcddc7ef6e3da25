package io.bluegreen.router;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Reads and writes text files inside a container through the engine's archive API, so it works
 * the same for a remote engine and needs nothing installed in the container.
 */
final class ContainerFiles {
    private final DockerClient docker;
    private final String containerId;

    ContainerFiles(DockerClient docker, String containerId) {
        this.docker = docker;
        this.containerId = containerId;
    }

    /** Writes {@code files} (relative path to content) under {@code directory}, creating parents. */
    void write(String directory, Map<String, String> files) {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(content.length);
                entry.setMode(0644);
                out.putArchiveEntry(entry);
                out.write(content);
                out.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        docker.copyArchiveToContainerCmd(containerId)
                .withRemotePath(directory)
                .withTarInputStream(new ByteArrayInputStream(tar.toByteArray()))
                .exec();
    }

    Optional<String> read(String path) {
        return readAll(path).values().stream().findFirst();
    }

    /** The regular files at {@code path} (a file, or a directory and all below it) by name; empty when absent. */
    Map<String, String> readAll(String path) {
        Map<String, String> files = new LinkedHashMap<>();
        try (InputStream archive = docker.copyArchiveFromContainerCmd(containerId, path).exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    files.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return files;
        } catch (NotFoundException e) {
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
