package org.hospital.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

    /**
     * Within a module, features ({@code org.hospital.<module>.<feature>}) depend on each other one way only: a cycle
     * makes two packages one feature in disguise.
     */
    @Test
    void featurePackagesAreFreeOfCycles() {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (JavaClass javaClass : classes) {
            String from = feature(javaClass);
            for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                String to = feature(dependency.getTargetClass());
                if (from != null && to != null && !to.equals(from)) {
                    uses.computeIfAbsent(from, f -> new TreeSet<>()).add(to);
                }
            }
        }
        assertThat(uses).as("the features found").containsKeys("command.identity", "command.registry", "query.alert");
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            Map<String, String> reachedFrom = new HashMap<>();
            Deque<String> next = new ArrayDeque<>(List.of(start));
            while (!next.isEmpty() && !reachedFrom.containsKey(start)) {
                String feature = next.poll();
                for (String used : uses.getOrDefault(feature, Set.of())) {
                    if (reachedFrom.putIfAbsent(used, feature) == null) {
                        next.add(used);
                    }
                }
            }
            if (reachedFrom.containsKey(start)) {
                List<String> path = new ArrayList<>(List.of(start));
                for (String back = reachedFrom.get(start); !back.equals(start); back = reachedFrom.get(back)) {
                    path.addFirst(back);
                }
                cycles.add(start + " -> " + String.join(" -> ", path));
            }
        }
        assertThat(cycles).isEmpty();
    }

    /** {@code <module>.<feature>} of a class in a feature package, or null. */
    private static String feature(JavaClass javaClass) {
        String[] parts = javaClass.getPackageName().split("\\.");
        return parts.length >= 4 && parts[0].equals("org") && parts[1].equals("hospital") ? parts[2] + "." + parts[3]
                : null;
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

    /** Why something was refused is the domain's to say; how that travels over HTTP is the web layer's alone. */
    @Test
    void refusalsAndAggregatesKnowNothingOfHttp() {
        noClasses().that().resideInAPackage("org.hospital.platform.error..")
                .or().haveSimpleName("Encounter").or().haveSimpleName("Alert")
                .should().dependOnClassesThat().resideInAnyPackage("org.hospital.platform.web..",
                        "org.springframework.http..", "org.springframework.web..", "jakarta.servlet..")
                .check(classes);
    }

    /**
     * Sign-in, tokens and accounts stand on their own inside the command side: they use the platform and their own
     * tables, no other feature of the side and no Axon (docs/architecture.md, Modules), so they could leave the side
     * as they are. The register reaches them through {@code identity.ClinicalRecords}, not the other way round.
     */
    @Test
    void identityStandsOnItsOwn() {
        noClasses().that().resideInAPackage("org.hospital.command.identity..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.hospital.command..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("org.hospital.command.identity.."))
                        .or(JavaClass.Predicates.resideInAPackage("org.axonframework..")))
                .check(classes);
    }
}
