package org.innoladder.spark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.innoladder.rules.points.PointsModel;

/**
 * The points model a run uses, as its YAML text (null: the rules jar's default model), which Spark ships to every
 * executor; each executor JVM compiles it once.
 */
public record ModelText(String file, String yaml) implements Serializable {
    private static final Map<String, PointsModel> COMPILED = new ConcurrentHashMap<>();

    public static ModelText defaultModel() {
        return new ModelText(null, null);
    }

    /** A region's own model file (as the application's {@code innoladder.points.model-file}). */
    public static ModelText of(Path file) throws IOException {
        return new ModelText(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The compiled model; a model that is not valid fails here, naming the file, item and line. */
    public PointsModel model() {
        if (yaml == null) return PointsModel.defaultModel();
        return COMPILED.computeIfAbsent(yaml, y -> PointsModel.load(file, new ByteArrayInputStream(y.getBytes(StandardCharsets.UTF_8))));
    }
}
