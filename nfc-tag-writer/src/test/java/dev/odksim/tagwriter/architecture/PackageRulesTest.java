package dev.odksim.tagwriter.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The tag writer's package dependencies (docs/tag-writer.md): no cycles; the NDEF encoding knows no tag and no reader;
 * the transport (reader interfaces, PC/SC) knows no tag model (the emulator, which plays an NTAG, is its own package).
 */
class PackageRulesTest {

    private static JavaClasses writer;

    @BeforeAll
    static void load() {
        writer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.odksim.tagwriter");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.odksim.tagwriter.(*)..").should().beFreeOfCycles().check(writer);
    }

    @Test
    void ndefIsPure() {
        noClasses().that().resideInAPackage("dev.odksim.tagwriter.ndef..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.odksim.tagwriter.tag..", "dev.odksim.tagwriter.transport..",
                        "dev.odksim.tagwriter.emulator..", "dev.odksim.tagwriter.cli..")
                .check(writer);
    }

    @Test
    void transportKnowsNoTagModel() {
        noClasses().that().resideInAPackage("dev.odksim.tagwriter.transport..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.odksim.tagwriter.tag..", "dev.odksim.tagwriter.emulator..", "dev.odksim.tagwriter.cli..")
                .check(writer);
    }
}
