package org.hospital.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.updates.configuration.CommandLineUsagePropertyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The switch alone; {@code OneProcessCrashTest} (benchmark) shows a started jar opting out. */
class HospitalApplicationTest {

    /** The JVM runs other test classes after this one: they find the switch as it was. */
    private final String before = System.getProperty(HospitalApplication.AXON_UPDATE_CHECKER_DISABLED);

    @AfterEach
    void restoreTheSwitch() {
        if (before == null) {
            System.clearProperty(HospitalApplication.AXON_UPDATE_CHECKER_DISABLED);
        } else {
            System.setProperty(HospitalApplication.AXON_UPDATE_CHECKER_DISABLED, before);
        }
    }

    @Test
    void turnsAxonsUsageReportingOffUnlessAskedFor() {
        System.clearProperty(HospitalApplication.AXON_UPDATE_CHECKER_DISABLED);

        HospitalApplication.keepAxonFromReportingUsage();

        // Read back by Axon's own reader of the switch: a misspelt property name would pass a comparison with itself.
        assertThat(new CommandLineUsagePropertyProvider().getDisabled()).isTrue();
    }

    @Test
    void leavesAnExplicitChoiceAlone() {
        System.setProperty(HospitalApplication.AXON_UPDATE_CHECKER_DISABLED, "false");

        HospitalApplication.keepAxonFromReportingUsage();

        assertThat(new CommandLineUsagePropertyProvider().getDisabled()).isFalse();
    }
}
