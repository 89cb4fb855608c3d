package org.hospital.alerting;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses alerting = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.hospital.alerting");

    @Test
    void keepsTheClinicalRulesFreeOfFrameworks() {
        classes().that().resideInAPackage("..alerting.rules..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..alerting.rules..")
                .check(alerting);
    }

    @Test
    void neverReachesIntoTheOtherSides() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.hospital.command..", "org.hospital.query..")
                .check(alerting);
    }
}
