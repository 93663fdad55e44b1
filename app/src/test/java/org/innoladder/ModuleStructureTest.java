package org.innoladder;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The capabilities as Spring Modulith application modules: no cycle between modules, no module reaching into another
 * module's sub-packages (only each module's top-level package is its API). The rules library is a plain library
 * beside the modules, not one of them. Also regenerates docs/modules (component diagram and module canvases).
 */
class ModuleStructureTest {
    static final ApplicationModules MODULES = ApplicationModules.of(InnoLadderApplication.class,
            resideInAPackage("org.innoladder.rules.."));

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
        MODULES.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("../docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
