package org.hospital.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundaries of docs/architecture.md, checked on the compiled classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.hospital");
    }

    /** One name per class: a reader who meets a name in a stack trace or a log line finds one class. */
    @Test
    void noTwoClassesShareASimpleName() {
        Map<String, List<String>> byName = classes.stream()
                .filter(JavaClass::isTopLevelClass)
                .filter(javaClass -> !javaClass.getSimpleName().equals("package-info"))
                .collect(Collectors.groupingBy(JavaClass::getSimpleName,
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
        assertThat(byName).allSatisfy((name, classNames) -> assertThat(classNames).as(name).hasSize(1));
    }

    /** Within a side, features depend on each other one way only: a cycle makes two packages one feature in disguise. */
    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("org.hospital.(*).(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void publishedLanguageDependsOnNothingButTheJdk() {
        classes().that().resideInAPackage("org.hospital.events..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.hospital.events..", "java..")
                .check(classes);
    }

    @Test
    void sidesDoNotReachIntoEachOther() {
        noClasses().that().resideInAPackage("org.hospital.query..")
                .should().dependOnClassesThat().resideInAnyPackage("org.hospital.command..", "org.hospital.alerting..")
                .check(classes);
        noClasses().that().resideInAPackage("org.hospital.alerting..")
                .should().dependOnClassesThat().resideInAnyPackage("org.hospital.command..", "org.hospital.query..")
                .check(classes);
        noClasses().that().resideInAPackage("org.hospital.command..")
                .should().dependOnClassesThat().resideInAnyPackage("org.hospital.query..", "org.hospital.alerting..")
                .check(classes);
    }

    @Test
    void clinicalRulesArePureFunctions() {
        noClasses().that().resideInAPackage("org.hospital.alerting.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                        "org.apache.kafka..", "java.sql..")
                .check(classes);
    }

    @Test
    void platformKnowsNoSide() {
        noClasses().that().resideInAPackage("org.hospital.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("org.hospital.command..", "org.hospital.query..",
                        "org.hospital.alerting..", "org.hospital.app..")
                .check(classes);
    }
}
