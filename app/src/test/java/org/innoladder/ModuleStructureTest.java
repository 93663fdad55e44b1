package org.innoladder;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The capabilities as Spring Modulith application modules: no cycle between modules, no module reaching into another
 * module's sub-packages (only each module's top-level package is its API). The rules library is a plain library
 * beside the modules, not one of them. Also regenerates docs/modules (component diagram and module canvases), with
 * the relations in a stable order so a test run leaves a clean checkout clean.
 */
class ModuleStructureTest {
    static final ApplicationModules MODULES = ApplicationModules.of(InnoLadderApplication.class,
            resideInAPackage("org.innoladder.rules.."));

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
        MODULES.verify();
    }

    static final Path DOCS = Path.of("../docs/modules");

    @Test
    void writesModuleDocumentation() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        try (Stream<Path> diagrams = Files.list(DOCS)) {
            diagrams.filter(p -> p.toString().endsWith(".puml")).forEach(ModuleStructureTest::sortRelations);
        }
    }

    /** Modulith writes relations in hash order; each run would otherwise reorder the committed diagrams. */
    private static void sortRelations(Path diagram) {
        try {
            List<String> out = new ArrayList<>();
            List<String> relations = new ArrayList<>();
            for (String line : Files.readAllLines(diagram)) {
                if (line.startsWith("Rel(")) {
                    relations.add(line);
                    continue;
                }
                relations.sort(null);
                out.addAll(relations);
                relations.clear();
                out.add(line);
            }
            relations.sort(null);
            out.addAll(relations);
            Files.write(diagram, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
