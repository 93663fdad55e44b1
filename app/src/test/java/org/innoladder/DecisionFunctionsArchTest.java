package org.innoladder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The rules library and the application's decision functions are plain Java: no Spring, no JDBC, no servlet types,
 * so they can be tested on their own and run elsewhere (a batch job, Spark). The decision functions are the
 * {@code ..domain..} packages (the award workflow's state machine) and the ladder's tier decision; the tiers and the
 * year-end tier rule are in the rules library ({@code org.innoladder.rules.ladder}).
 */
class DecisionFunctionsArchTest {
    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.innoladder");
    static final String[] FORBIDDEN = {"org.springframework..", "java.sql..", "javax.sql..", "jakarta.servlet..",
            "javax.servlet..", "org.postgresql.."};

    @Test
    void theRulesLibraryIsPlainJava() {
        rule(noClasses().that().resideInAPackage("org.innoladder.rules..")).check(CLASSES);
    }

    @Test
    void theDecisionFunctionsArePlainJava() {
        rule(noClasses().that().resideInAPackage("org.innoladder..domain..")
                .or().haveFullyQualifiedName("org.innoladder.ladder.TierDecision")).check(CLASSES);
    }

    private static ArchRule rule(com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction classes) {
        return classes.should().dependOnClassesThat().resideInAnyPackage(FORBIDDEN)
                .because("decisions are plain functions over plain data (docs/modules.md)");
    }
}
