package org.innoladder.rules.yaml;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.Reader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as plain maps, lists and strings, remembering where each value stood in the file so that
 * load errors can point at a line. Scalars stay strings (no implicit dates or octal numbers): the reader
 * of each field decides the type.
 */
public final class YamlDoc {
    private final String file;
    private final Object root;
    private final IdentityHashMap<Object, Map<String, int[]>> keyMarks = new IdentityHashMap<>();
    private final IdentityHashMap<Object, int[]> marks = new IdentityHashMap<>();

    private YamlDoc(String file, Reader reader) {
        this.file = file;
        Node node = new Yaml(new LoaderOptions()).compose(reader);
        this.root = node == null ? new LinkedHashMap<>() : convert(node);
    }

    public static YamlDoc parse(String file, Reader reader) {
        return new YamlDoc(file, reader);
    }

    public String file() { return file; }

    public Object root() { return root; }

    private Object convert(Node node) {
        if (node instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            Map<String, int[]> km = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = ((ScalarNode) t.getKeyNode()).getValue();
                out.put(key, convert(t.getValueNode()));
                km.put(key, position(t.getValueNode()));
            }
            keyMarks.put(out, km);
            marks.put(out, position(node));
            return out;
        }
        if (node instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>();
            for (Node n : s.getValue()) out.add(convert(n));
            marks.put(out, position(node));
            return out;
        }
        ScalarNode sc = (ScalarNode) node;
        return sc.getTag().equals(Tag.NULL) ? null : sc.getValue();
    }

    /** 1-based line and column, and whether the scalar is quoted (the text starts one column later). */
    private static int[] position(Node n) {
        int quoted = n instanceof ScalarNode s && (s.getScalarStyle() == DumperOptions.ScalarStyle.DOUBLE_QUOTED
                || s.getScalarStyle() == DumperOptions.ScalarStyle.SINGLE_QUOTED) ? 1 : 0;
        return new int[]{n.getStartMark().getLine() + 1, n.getStartMark().getColumn() + 1, quoted};
    }

    /** Line of a map or list, or 0. */
    public int line(Object container) {
        int[] p = marks.get(container);
        return p == null ? 0 : p[0];
    }

    /**
     * Where in the file a position inside the expression stored under {@code key} lies: {@code exprLine} 1-based and
     * {@code exprColumn} 0-based within the expression text (as CEL reports them). A quoted or plain scalar starts on
     * its key's line, a block scalar on the next one. Null when the key's position is unknown.
     */
    public int[] expressionPosition(Object map, String key, int exprLine, int exprColumn) {
        int[] pos = position(map, key);
        if (pos == null) return null;
        boolean block = pos[2] == 0 && String.valueOf(((Map<?, ?>) map).get(key)).contains("\n");
        int line = pos[0] + (block ? exprLine : exprLine - 1);
        int col = exprLine == 1 && !block ? pos[1] + pos[2] + exprColumn : exprColumn + 1;
        return new int[]{line, col};
    }

    /** Line, column and quoted flag of the value under key in map, or null. */
    public int[] position(Object map, String key) {
        Map<String, int[]> km = keyMarks.get(map);
        return km == null ? null : km.get(key);
    }
}
