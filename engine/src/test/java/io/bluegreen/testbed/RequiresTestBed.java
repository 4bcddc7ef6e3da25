package io.bluegreen.testbed;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs what {@code testbed/up.sh} brings up. Without the test bed the class
 * is skipped, so a Jenkins developer's {@code mvn -Pjenkins -pl plugin -am verify} still runs the
 * plugin's own tests; with {@code BLUEGREEN_TESTBED_REQUIRED=true} (set by {@code testbed/test.sh},
 * which CI runs) it fails instead, so a test bed that did not come up can never pass as a green build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestBedCheck.class)
public @interface RequiresTestBed {
}
