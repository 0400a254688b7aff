package dev.odksim.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package rules of docs/architecture.md ("Package rules"), checked on the compiled classes. */
class PackageRulesTest {

    private static final String[] FEATURES = {"dev.odksim.tag..", "dev.odksim.access..", "dev.odksim.decision..", "dev.odksim.key..",
            "dev.odksim.lock..", "dev.odksim.appauth..", "dev.odksim.project..", "dev.odksim.integrator..", "dev.odksim.conformance..",
            "dev.odksim.retention..", "dev.odksim.sim..", "dev.odksim.web..", "dev.odksim.demo..", "dev.odksim.api..",
            "dev.odksim.signing..", "dev.odksim.unloc..", "dev.odksim.webhook..", "dev.odksim.cluster..", "dev.odksim.tls..",
            "dev.odksim.load..", "dev.odksim.runs.."};

    /**
     * Resources that still read another feature's entity, each named with the entity (docs/architecture.md). The list
     * may only shrink: a new resource reading a foreign entity fails the rule.
     */
    private static final java.util.Set<String> FOREIGN_ENTITY_READS = java.util.Set.of(
            "dev.odksim.sim.SimResource -> dev.odksim.appauth.SmsMessage",
            "dev.odksim.tag.TagResolverResource -> dev.odksim.project.Lock",
            "dev.odksim.tag.TagResolverResource -> dev.odksim.appauth.AppSession");

    private static JavaClasses platform;

    @BeforeAll
    static void load() {
        platform = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.odksim");
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.odksim.(*)..").should().beFreeOfCycles().check(platform);
    }

    /** The decision caller knows nothing of keys: it answers granted/denied/failed, the access orchestration mints. */
    @Test
    void decisionNeverImportsKey() {
        noClasses().that().resideInAPackage("dev.odksim.decision..").should().dependOnClassesThat()
                .resideInAPackage("dev.odksim.key..").check(platform);
    }

    /** Signing keys are infrastructure shared by key, tag, lock and unloc: they depend on common only. */
    @Test
    void signingDependsOnCommonOnly() {
        noClasses().that().resideInAPackage("dev.odksim.signing..").should().dependOnClassesThat()
                .resideInAnyPackage(java.util.Arrays.stream(FEATURES).filter(f -> !f.equals("dev.odksim.signing..")).toArray(String[]::new))
                .check(platform);
    }

    /** common is shared by everyone and depends on no feature. */
    @Test
    void commonDependsOnNoFeature() {
        noClasses().that().resideInAPackage("dev.odksim.common..").should().dependOnClassesThat()
                .resideInAnyPackage(FEATURES).check(platform);
    }

    /** Services and the rest of a feature never reach up into an HTTP resource. */
    @Test
    void onlyResourcesAndPagesDependOnResources() {
        noClasses().that().haveSimpleNameNotEndingWith("Resource").and().resideOutsideOfPackage("dev.odksim.api..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Resource").check(platform);
    }

    /** A resource maps records; it never touches another feature's entities (its own feature's service owns them). */
    @Test
    void resourcesNeverTouchAnotherFeaturesEntities() {
        classes().that().haveSimpleNameEndingWith("Resource").should(notDependOnForeignEntities()).check(platform);
    }

    private static ArchCondition<JavaClass> notDependOnForeignEntities() {
        return new ArchCondition<>("not depend on entities of another package") {
            @Override
            public void check(JavaClass resource, ConditionEvents events) {
                for (Dependency dependency : resource.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    if (target.isAnnotatedWith(Entity.class) && !target.getPackageName().equals(resource.getPackageName())
                            && !FOREIGN_ENTITY_READS.contains(resource.getName() + " -> " + target.getName())) {
                        events.add(SimpleConditionEvent.violated(resource, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
