package org.innoladder.evaluation;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.innoladder.rules.EvaluationResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A result as the API has always returned it ({@link EvaluationResult#toJson()} after a trip through PostgreSQL's
 * {@code jsonb}, where results used to be stored): object keys in {@code jsonb}'s order (shorter first, then
 * bytewise) and a whole number written in exponent form (1.0E15 and up) as the integer {@code jsonb} makes of it.
 */
public final class ResultJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Comparator<String> JSONB_ORDER = Comparator.comparingInt((String k) -> k.getBytes(StandardCharsets.UTF_8).length)
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));

    private ResultJson() {
    }

    public static JsonNode of(EvaluationResult result) {
        return normalise(JSON.readTree(result.toJson()));
    }

    private static JsonNode normalise(JsonNode n) {
        if (n instanceof ObjectNode o) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(o.properties());
            fields.sort(Map.Entry.comparingByKey(JSONB_ORDER));
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> f : fields) out.set(f.getKey(), normalise(f.getValue()));
            return out;
        }
        if (n instanceof ArrayNode a) {
            ArrayNode out = NODES.arrayNode(a.size());
            for (JsonNode x : a) out.add(normalise(x));
            return out;
        }
        // toJson writes a whole double below 1e15 as an integer and one above in exponent form, which jsonb made an
        // integer; a fraction, and a decimal such as a gap's 3449521.00, stayed a fraction
        double v = n.isDouble() ? n.doubleValue() : 0;
        if (Math.abs(v) >= 1e15 && v == Math.rint(v) && !Double.isInfinite(v)) {
            BigDecimal whole = BigDecimal.valueOf(v);
            return whole.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    ? NODES.numberNode(whole.longValueExact()) : NODES.numberNode(whole.toBigIntegerExact());
        }
        return n;
    }
}
