package dev.breakeven;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering the app depends on: a UI-free core, ui and cli side by side, no cycles. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.breakeven");
    }

    @Test
    void coreUsesNoUiToolkit() {
        noClasses().that().resideInAPackage("dev.breakeven.core..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("javafx..", "org.controlsfx..", "eu.hansolo..", "java.awt..", "javax.swing..")
                .check(classes);
    }

    @Test
    void coreKnowsNothingOfUiCliOrApp() {
        noClasses().that().resideInAPackage("dev.breakeven.core..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.breakeven.ui..", "dev.breakeven.cli..", "dev.breakeven.app..")
                .check(classes);
    }

    @Test
    void uiAndCliStayApart() {
        noClasses().that().resideInAPackage("dev.breakeven.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.breakeven.cli..", "dev.breakeven.app..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.breakeven.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.breakeven.ui..")
                .check(classes);
    }

    @Test
    void appAndCliDoNotImportEachOtherBothWays() {
        // The CLI uses the app's wiring (AppServices); the app never reaches into the CLI. Only the entry point
        // (launch.Main) knows both.
        noClasses().that().resideInAPackage("dev.breakeven.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.breakeven.cli..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.breakeven.launch..")
                .should().dependOnClassesThat().resideInAPackage("dev.breakeven.launch..")
                .check(classes);
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("dev.breakeven.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void coreHasNoPackageCycles() {
        slices().matching("dev.breakeven.core.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }

    @Test
    void uiPagesHaveNoCycles() {
        slices().matching("dev.breakeven.ui.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }

    /** Engines are processes: the GUI's JVM never loads native llama.cpp (issue 11). */
    @Test
    void uiAndAppNeverTouchNativeLlamaCpp() {
        noClasses().that().resideInAnyPackage("dev.breakeven.ui..", "dev.breakeven.app..")
                .should().dependOnClassesThat().resideInAPackage("de.kherud.llama..")
                .orShould().dependOnClassesThat().haveSimpleName("EmbeddedLlamaEngine")
                .check(classes);
    }

    @Test
    void onlyTheAppKnowsTheLoggingBackend() {
        // Everything else logs through the SLF4J API, so the backend can change in one place.
        noClasses().that().resideOutsideOfPackage("dev.breakeven.app..")
                .should().dependOnClassesThat().resideInAPackage("ch.qos.logback..")
                .check(classes);
    }

    @Test
    void onlyCliAndAppWriteToTheConsole() {
        noClasses().that().resideOutsideOfPackages("dev.breakeven.cli..", "dev.breakeven.app..")
                .should().accessField(System.class, "out")
                .check(classes);
    }

    @Test
    void onlyTheEngineHostTouchesNativeLlamaCpp() {
        // The app's JVM must never load llama.cpp (issue 11): the host process does. EmbeddedLlamaEngine is the
        // in-process engine still in use until Chat and bench go through the supervisor.
        noClasses().that().resideOutsideOfPackage("dev.breakeven.host..")
                .and().doNotHaveFullyQualifiedName("dev.breakeven.core.chat.EmbeddedLlamaEngine")
                .should().dependOnClassesThat().resideInAPackage("de.kherud.llama..")
                .check(classes);
    }

    @Test
    void nothingButTheCliReachesTheHost() {
        noClasses().that().resideInAnyPackage("dev.breakeven.core..", "dev.breakeven.ui..", "dev.breakeven.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.breakeven.host..")
                .check(classes);
    }

    @Test
    void viewModelsRunBackgroundWorkThroughTheTaskExecutor() {
        // So a view-model test runs without the FX toolkit (TaskExecutor.inline()); the Chat page's engine slot is part
        // of its view model.
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .or().haveFullyQualifiedName("dev.breakeven.ui.chat.EngineSlot")
                .should().dependOnClassesThat().resideInAPackage("javafx.concurrent..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.application.Platform")
                .check(classes);
    }

    @Test
    void modelsHoldCatalogsAndOneLibraryPackageHoldsFiles() {
        // core.models is the data catalogs (reading only io); finding, importing and downloading model files, and
        // reading their headers, is core.library's, one package (there were two, one of them to dodge a cycle).
        noClasses().that().resideInAPackage("dev.breakeven.core.models..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.breakeven.core.library..",
                        "dev.breakeven.core.gguf..", "dev.breakeven.core.hub..")
                .check(classes);
        noClasses().should().resideInAPackage("dev.breakeven.core.models.library..").check(classes);
    }
}
