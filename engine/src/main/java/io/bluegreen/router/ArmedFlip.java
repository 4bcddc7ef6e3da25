package io.bluegreen.router;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A flag flip made ready while the health gate runs: a shell in the router that waits on its stdin.
 * Starting a command in a container costs the engine tens of milliseconds, more than nginx's whole
 * reload; writing one line to a shell that is already there costs almost nothing, so the switch
 * window holds only that write and the shell's answer. A line other than "flip", or stdin closing
 * (this process died), ends the shell without touching the flag.
 */
final class ArmedFlip implements AutoCloseable {
    private static final String FLIPPED = "flipped";

    private final Signal stdin = new Signal();
    private final CountDownLatch answered = new CountDownLatch(1);
    private final StringBuilder output = new StringBuilder();

    private ArmedFlip(DockerClient docker, String container, String flipCommand) {
        String execId = docker.execCreateCmd(container)
                .withCmd("sh", "-c", "read line; if [ \"$line\" = flip ]; then " + flipCommand + " && echo " + FLIPPED + "; fi")
                .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true)
                .exec().getId();
        docker.execStartCmd(execId).withStdIn(stdin).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (output) {
                    output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    if (output.indexOf(FLIPPED) >= 0) {
                        answered.countDown();
                    }
                }
            }

            @Override
            public void onComplete() {
                answered.countDown();
                super.onComplete();
            }

            @Override
            public void onError(Throwable throwable) {
                answered.countDown();
                super.onError(throwable);
            }
        });
    }

    /** A shell in {@code container} that runs {@code flipCommand} (a shell command line) when told. */
    static ArmedFlip arm(DockerClient docker, String container, String flipCommand) {
        return new ArmedFlip(docker, container, flipCommand);
    }

    /** Runs the flip; false when the shell is gone (the router restarted) or did not answer in time. */
    boolean flip(Duration timeout) {
        stdin.send("flip\n");
        try {
            answered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while flipping the router's flag", e);
        }
        synchronized (output) {
            return output.indexOf(FLIPPED) >= 0;
        }
    }

    /**
     * Ends the shell: after a flip it has already ended, before one it ends without flipping. Its stdin
     * ends rather than the session being cut, so the engine closes the exec and nothing writes to a
     * closed connection.
     */
    @Override
    public void close() {
        if (answered.getCount() > 0) {
            stdin.send("cancel\n");
        }
        stdin.end();
    }

    /** The shell's stdin: blocks until we have something to say, ends when we are done. */
    private static final class Signal extends InputStream {
        private static final byte[] END = new byte[0];
        private final LinkedBlockingQueue<byte[]> lines = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        void send(String line) {
            lines.add(line.getBytes(StandardCharsets.US_ASCII));
        }

        void end() {
            lines.add(END);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            while (!ended && position == current.length) {
                try {
                    current = lines.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                position = 0;
                ended = current == END;
            }
            if (ended) {
                return -1;
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, count);
            position += count;
            return count;
        }
    }
}
