package org.hospital.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The switch alone; {@code OneProcessCrashTest} (benchmark) shows a started jar opting out. */
class HospitalApplicationTest {

    @AfterEach
    void forgetTheSwitch() {
        System.clearProperty(HospitalApplication.AXON_UPDATE_CHECKER_DISABLED);
    }

    @Test
    void turnsAxonsUsageReportingOffUnlessAskedFor() {
        System.clearProperty(HospitalApplication.AXON_UPDATE_CHECKER_DISABLED);

        HospitalApplication.keepAxonFromReportingUsage();

        assertThat(System.getProperty(HospitalApplication.AXON_UPDATE_CHECKER_DISABLED)).isEqualTo("true");
    }

    @Test
    void leavesAnExplicitChoiceAlone() {
        System.setProperty(HospitalApplication.AXON_UPDATE_CHECKER_DISABLED, "false");

        HospitalApplication.keepAxonFromReportingUsage();

        assertThat(System.getProperty(HospitalApplication.AXON_UPDATE_CHECKER_DISABLED)).isEqualTo("false");
    }
}
