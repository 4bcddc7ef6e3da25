package io.bluegreen.validation;

/**
 * A refusal the user caused and can fix, nothing having been changed: bad input. Most are
 * {@link InvalidInputException}s; a few refusals keep a more specific type for their callers and
 * carry this mark, so a command line can exit with its bad-input code for all of them.
 */
public interface BadInput {
    /** The setting to change, as the engine names it. */
    String field();

    /** What to do about it. */
    String fix();
}
