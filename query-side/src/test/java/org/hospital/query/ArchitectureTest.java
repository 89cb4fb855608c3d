package org.hospital.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses QUERY_SIDE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.hospital.query");

    @Test
    void readsEventsOnlyNeverTheOtherSides() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.hospital.command..", "org.hospital.alerting..")
                .check(QUERY_SIDE);
    }

    @Test
    void everyEventHandlerBelongsToTheKafkaFedProjectionsGroup() {
        classes().that().containAnyMethodsThat(DescribedPredicate.describe("are event handlers",
                        method -> method.isAnnotatedWith(EventHandler.class)))
                .should().beAnnotatedWith(ProcessingGroup.class)
                .check(QUERY_SIDE);
    }
}
