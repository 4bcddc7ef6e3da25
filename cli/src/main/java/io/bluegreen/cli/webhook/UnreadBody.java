package io.bluegreen.cli.webhook;

import org.eclipse.jetty.io.Content;

/**
 * Reads and throws away what is left of a request body, up to a limit, then runs the answer. A server
 * that answers and closes while the client is still sending makes the client's TCP stack see a reset,
 * which can discard our answer before the client reads it: GitLab would log a failed delivery instead
 * of the 401 or 413 it was given. Reading goes by demand, so a slow sender holds no thread.
 */
final class UnreadBody implements Runnable {
    private final Content.Source body;
    private final Runnable answer;
    private long budget;

    private UnreadBody(Content.Source body, long limit, Runnable answer) {
        this.body = body;
        this.budget = limit;
        this.answer = answer;
    }

    static void discard(Content.Source body, long limit, Runnable answer) {
        new UnreadBody(body, limit, answer).run();
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = body.read();
            if (chunk == null) {
                body.demand(this);
                return;
            }
            boolean done = chunk.isLast() || Content.Chunk.isFailure(chunk);
            budget -= chunk.remaining();
            chunk.release();
            if (done || budget < 0) {
                answer.run();
                return;
            }
        }
    }
}
