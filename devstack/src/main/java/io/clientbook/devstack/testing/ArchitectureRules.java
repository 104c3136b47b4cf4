package io.clientbook.devstack.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering every Clientbook service keeps, checked on its compiled classes: resources stay thin,
 * entities stay inside, services know nothing of HTTP, and no service reaches into another's code.
 */
public final class ArchitectureRules {

    private static final List<String> SERVICES = List.of("customer", "interaction", "analytics", "gateway");

    private ArchitectureRules() {
    }

    /** Checks every rule on the service whose root package is {@code io.clientbook.<service>}. */
    public static void check(String service) {
        String root = "io.clientbook." + service;
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        rules(service, root).forEach(rule -> rule.check(classes));
    }

    static List<ArchRule> rules(String service, String root) {
        ArchRule resourcesDoNotTouchRepositories = noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .because("a resource makes one service call; rules and data access live behind it");
        ArchRule resourcesDoNotExposeEntities = noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().areAnnotatedWith("jakarta.persistence.Entity")
                .because("entities never leave the service; the API speaks in records");
        ArchRule dtosDoNotHoldEntities = noClasses().that().resideInAPackage(root + "..dto..")
                .should().dependOnClassesThat().areAnnotatedWith("jakarta.persistence.Entity");
        ArchRule servicesKnowNoHttp = noClasses().that().haveSimpleNameEndingWith("Service")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
                .because("HTTP belongs to resources; services hold the rules");
        ArchRule noReachingIntoOtherServices = noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES.stream()
                        .filter(other -> !other.equals(service))
                        .map(other -> "io.clientbook." + other + "..")
                        .toArray(String[]::new))
                .because("services talk only through REST and events");
        return Stream.of(resourcesDoNotTouchRepositories, resourcesDoNotExposeEntities, dtosDoNotHoldEntities,
                servicesKnowNoHttp, noReachingIntoOtherServices).map(rule -> rule.allowEmptyShould(true)).toList();
    }
}
