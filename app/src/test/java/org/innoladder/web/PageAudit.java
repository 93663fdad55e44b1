package org.innoladder.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a user would stumble on in the page the browser shows, per shared/UI.md: engineers' identifiers
 * ({@code rd_expense_ratio}, {@code HNTE_HELD}, {@code hnte@2016}), trust tags ({@code [secondary]}), unfilled
 * placeholders ({@code {Y}年}), money or ratio figures with more than two decimals, without a unit or without grouping,
 * a page wider than a 390 px phone, accessibility violations that axe-core rates serious or critical, and script errors.
 * Identifiers are allowed inside a {@code <details>} element (where the page keeps them for those who want them) and
 * in form controls' values.
 */
public final class PageAudit {
    /** snake_case or SCREAMING_SNAKE identifiers and ruleset references as the engine names them. */
    static final Pattern IDENTIFIER = Pattern.compile(
            "(?<![\\w.@/-])([a-z][a-z0-9]*(?:_[a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[a-z_]+@[a-z0-9-]+(?![\\w.]))(?![\\w.@-])");
    static final Pattern TRUST_TAG = Pattern.compile("\\[(secondary|official|open|assumption)]");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}\\s]{0,20}}");
    /** A figure with three or more decimals. */
    static final Pattern LONG_DECIMAL = Pattern.compile("(?<![\\d.])\\d+\\.\\d{3,}(?![\\d.])");
    /** A table cell holding only a decimal figure (possibly signed, grouped, with a unit around it). */
    static final Pattern DECIMAL_CELL = Pattern.compile("^[+\\-−]?[\\d,]+\\.\\d+$");
    static final Pattern UNIT = Pattern.compile("万元|亿元|元|%|％|分|人|家|项|件|年|天|万美元|yuan|points|persons|days|years|10k|100m|USD");
    static final Pattern UNGROUPED = Pattern.compile("(?<![\\d,.])\\d{5,}\\.\\d+");

    /** Visible text outside {@code <details>}, and each table cell's text with its column header's. */
    private static final String COLLECT = """
            function visible(el) {
              var s = getComputedStyle(el);
              return s.display !== 'none' && s.visibility !== 'hidden';
            }
            function text(node) {
              var out = [];
              var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT, {
                acceptNode: function (t) {
                  for (var p = t.parentElement; p; p = p.parentElement) {
                    var tag = p.tagName;
                    if (tag === 'DETAILS' || tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE' || tag === 'TEXTAREA'
                        || tag === 'NOSCRIPT' || p.hasAttribute('data-code')) return NodeFilter.FILTER_REJECT;
                  }
                  return visible(t.parentElement) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
                }
              });
              while (walker.nextNode()) out.push(walker.currentNode.nodeValue);
              return out.join(' ');
            }
            var cells = [];
            document.querySelectorAll('main td, main dd, main .figure').forEach(function (td) {
              if (td.closest('details')) return;
              var header = '';
              var table = td.closest('table');
              if (table && td.tagName === 'TD') {
                var index = Array.prototype.indexOf.call(td.parentElement.children, td);
                var th = table.querySelector('thead tr') ? table.querySelector('thead tr').children[index] : null;
                var rowHead = td.parentElement.querySelector('th');
                header = (th ? th.textContent : '') + ' ' + (rowHead ? rowHead.textContent : '');
              } else if (td.tagName === 'DD' && td.previousElementSibling) {
                header = td.previousElementSibling.textContent;
              }
              cells.push([td.textContent.trim(), header.trim()]);
            });
            return {text: text(document.body), cells: cells};
            """;

    /** How wide the page is against the window, and the first elements that stick out. */
    private static final String WIDTH = """
            var root = document.documentElement;
            var scroll = Math.max(root.scrollWidth, document.body.scrollWidth);
            var wide = scroll <= root.clientWidth + 1 ? [] : Array.prototype.slice.call(document.querySelectorAll('body *')).filter(function (e) {
                var r = e.getBoundingClientRect();
                return r.right > root.clientWidth + 1 && r.width > 0 && getComputedStyle(e).display !== 'none';
              }).slice(0, 3).map(function (e) {
                return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).split(' ').join('.') : '')
                  + ' ' + Math.round(e.getBoundingClientRect().right) + 'px';
              });
            return {scrollWidth: scroll, clientWidth: root.clientWidth, wide: wide};
            """;

    private static final String AXE_RUN = """
            var done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations'],
                               runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})
              .then(function (r) {
                done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                  .map(function (v) {
                    return v.impact + ' ' + v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(function (n) {
                      return n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 160);
                    }).join(' | ');
                  }));
              })
              .catch(function (e) { done(['axe failed: ' + e]); });
            """;

    private static String axeSource;

    private PageAudit() {
    }

    /** Problems in the text of the current page: identifiers, trust tags, placeholders, figures. */
    @SuppressWarnings("unchecked")
    public static List<String> words(JavascriptExecutor js) {
        Map<String, Object> page = (Map<String, Object>) js.executeScript(COLLECT);
        List<String> problems = new ArrayList<>();
        String text = (String) page.get("text");
        find(IDENTIFIER, text, "identifier", problems);
        find(TRUST_TAG, text, "trust tag", problems);
        find(PLACEHOLDER, text, "unfilled placeholder", problems);
        find(LONG_DECIMAL, text, "more than two decimals", problems);
        find(UNGROUPED, text, "figure without grouping", problems);
        for (Object o : (List<Object>) page.get("cells")) {
            List<Object> cell = (List<Object>) o;
            String value = String.valueOf(cell.get(0)), header = String.valueOf(cell.get(1));
            if (DECIMAL_CELL.matcher(value).matches() && !UNIT.matcher(header).find()) {
                problems.add("figure without unit: '" + value + "' under '" + header + "'");
            }
        }
        return problems;
    }

    /** The page is wider than the window (it would scroll sideways), naming the widest elements. */
    @SuppressWarnings("unchecked")
    public static List<String> overflow(JavascriptExecutor js) {
        Map<String, Object> page = (Map<String, Object>) js.executeScript(WIDTH);
        long scroll = ((Number) page.get("scrollWidth")).longValue(), client = ((Number) page.get("clientWidth")).longValue();
        if (scroll <= client + 1) return List.of();
        return List.of("page scrolls sideways: " + scroll + " px wide in a " + client + " px window; " + page.get("wide"));
    }

    /** axe-core's serious and critical violations of WCAG 2.1 A/AA and best practice. */
    @SuppressWarnings("unchecked")
    public static List<String> accessibility(JavascriptExecutor js) {
        Boolean loaded = (Boolean) js.executeScript("return typeof axe !== 'undefined';");
        if (!Boolean.TRUE.equals(loaded)) js.executeScript(axe());
        Object result = js.executeAsyncScript(AXE_RUN);
        return ((List<Object>) result).stream().map(o -> "axe " + o).toList();
    }

    /** A full-page picture of what the browser shows: PNG, or JPEG when the file name says so (smaller, quicker). */
    @SuppressWarnings("unchecked")
    public static void screenshot(ChromeDriver driver, Path file) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue(), height = Math.min(((Number) size.get("height")).doubleValue(), 12000);
        boolean jpeg = file.getFileName().toString().endsWith(".jpg");
        Map<String, Object> options = new java.util.HashMap<>(Map.of("format", jpeg ? "jpeg" : "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        if (jpeg) options.put("quality", 70);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", options);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Emulates a window of the given width (a phone below 600 px: touch, the page's own viewport). */
    public static void viewport(ChromeDriver driver, int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }

    private static void find(Pattern p, String text, String what, List<String> problems) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            int from = Math.max(0, m.start() - 24), to = Math.min(text.length(), m.end() + 24);
            problems.add(what + " '" + m.group() + "' in …" + text.substring(from, to).replaceAll("\\s+", " ") + "…");
        }
    }

    private static synchronized String axe() {
        if (axeSource == null) {
            try (InputStream in = PageAudit.class.getResourceAsStream("/axe.min.js")) {
                if (in == null) throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
                axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeSource;
    }
}
