package io.jenkins.plugins.bluegreen;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.bluegreen.validation.InvalidInputException;
import jenkins.model.Jenkins;

/** Form checks that run the engine's validation, for users who may configure what they check. */
public final class FormChecks {

    private FormChecks() {
    }

    /** Runs {@code check}; its InvalidInputException (field, problem, fix) becomes the form's error. */
    public static FormValidation check(Item item, Runnable check) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
        try {
            check.run();
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
