package io.bluegreen.testbed;

import io.bluegreen.health.HttpAnswer;
import io.bluegreen.health.PlainHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steady traffic through the router, as users would send it: a few threads, each request on a fresh
 * connection. Every request that is not a 200 with a whole body is a failure, recorded with what went
 * wrong; every good answer is recorded with when it started and ended and the version it came from,
 * so tests can check the order in which versions were seen.
 */
public final class LoadGenerator implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** The test app's /cgi-bin/slow?N body: "begin vX", N ticks, "end vX". Anything else was cut. */
    private static final Pattern SLOW_BODY = Pattern.compile("begin (v\\d+)\n(tick \\d+\n)*end \\1\n");

    /** One good answer: the version it named, and when the request started and finished (System.nanoTime). */
    public record Answer(long startNanos, long endNanos, String version) {
    }

    private final String address;
    private final int port;
    private final String host;
    private final String path;
    private final Function<String, Optional<String>> versionOfWholeBody;
    private final Duration requestTimeout;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong requests = new AtomicLong();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    public LoadGenerator(String address, int port, String host, String path, Set<String> expectedBodies, int threadCount) {
        this(address, port, host, path, body -> Optional.of(body.trim()).filter(expectedBodies::contains), REQUEST_TIMEOUT,
                threadCount);
    }

    /**
     * Requests of {@code seconds} to the slow test app's /cgi-bin/slow, whose answers start at once and
     * end with a line that proves them whole: a cut answer is a failure even when its status was 200.
     */
    public static LoadGenerator slowRequests(String address, int port, String host, int seconds, int threadCount) {
        return new LoadGenerator(address, port, host, "/cgi-bin/slow?" + seconds, body -> {
            Matcher whole = SLOW_BODY.matcher(body);
            return whole.matches() && body.split("\n").length == seconds + 2 ? Optional.of(whole.group(1)) : Optional.empty();
        }, Duration.ofSeconds(seconds + 10L), threadCount);
    }

    private LoadGenerator(String address, int port, String host, String path,
                          Function<String, Optional<String>> versionOfWholeBody, Duration requestTimeout, int threadCount) {
        this.address = address;
        this.port = port;
        this.host = host;
        this.path = path;
        this.versionOfWholeBody = versionOfWholeBody;
        this.requestTimeout = requestTimeout;
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(this::loop, "load-" + host + path + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    public LoadGenerator start() {
        threads.forEach(Thread::start);
        return this;
    }

    private void loop() {
        while (running.get()) {
            long start = System.nanoTime();
            requests.incrementAndGet();
            try {
                HttpAnswer answer = PlainHttp.get(address, port, host, path, requestTimeout);
                Optional<String> version = versionOfWholeBody.apply(answer.body());
                if (answer.status() != 200 || version.isEmpty()) {
                    failures.add(System.nanoTime() + " " + path + " status " + answer.status() + " body '"
                            + abbreviate(answer.body().trim()) + "'");
                } else {
                    answers.add(new Answer(start, System.nanoTime(), version.get()));
                }
            } catch (IOException e) {
                failures.add(System.nanoTime() + " " + e);
            }
        }
    }

    /** Waits until at least {@code count} more answers came in, so a test knows traffic is flowing. */
    public void awaitAnswers(int count) throws InterruptedException {
        long target = answers.size() + (long) count;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (answers.size() < target && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(requestTimeout.toMillis() + 1000);
        }
    }

    public long requests() {
        return requests.get();
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    public List<Answer> answers() {
        return List.copyOf(answers);
    }

    /**
     * Requests that contradict a single switch from {@code from} to {@code to} within the window: an
     * answer of {@code from} to a request that started after some request had already been answered
     * by {@code to}. Empty when the version flipped exactly once.
     */
    public List<String> flipViolations(String from, String to, long windowStart, long windowEnd) {
        long firstNewEnd = Long.MAX_VALUE;
        for (Answer answer : answers) {
            if (answer.startNanos() >= windowStart && answer.endNanos() <= windowEnd && answer.version().equals(to)) {
                firstNewEnd = Math.min(firstNewEnd, answer.endNanos());
            }
        }
        List<String> violations = new ArrayList<>();
        for (Answer answer : answers) {
            boolean inWindow = answer.startNanos() >= windowStart && answer.endNanos() <= windowEnd;
            if (inWindow && !answer.version().equals(to) && !answer.version().equals(from)) {
                violations.add("answer " + answer.version() + " is neither " + from + " nor " + to);
            }
            if (inWindow && answer.version().equals(from) && answer.startNanos() > firstNewEnd) {
                violations.add(from + " answered a request started " + (answer.startNanos() - firstNewEnd) / 1000
                        + " µs after " + to + " had answered");
            }
        }
        return violations;
    }

    /** Versions answered to requests that started in the window, in order of start. */
    public List<String> versionsStartedBetween(long windowStart, long windowEnd) {
        return answers.stream().filter(a -> a.startNanos() >= windowStart && a.startNanos() <= windowEnd)
                .sorted(java.util.Comparator.comparingLong(Answer::startNanos)).map(Answer::version).toList();
    }

    private static String abbreviate(String body) {
        return body.length() > 80 ? body.substring(0, 80) + "…" : body;
    }
}
