package org.innoladder.enterprise.internal;

import org.innoladder.web.ResultPage;
import java.util.Map;

import org.springframework.web.util.UriComponentsBuilder;

/** The list page's model: the search, its page of results, and the links that keep the filters. */
public record EnterpriseListView(EnterpriseSearch search, ResultPage<EnterpriseSummary> result) {

    public String sortUrl(String key) {
        boolean descending = key.equals(search.sort().key()) && !search.descending();
        return url(Map.of("sort", key, "dir", descending ? "desc" : "asc"), 1);
    }

    /** "▲"/"▼" next to the current sort column, else empty. */
    public String sortMark(String key) {
        if (!key.equals(search.sort().key())) return "";
        return search.descending() ? "▼" : "▲";
    }

    public String pageUrl(long page) {
        return url(Map.of(), page);
    }

    public String exportUrl() {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/enterprises/export.xlsx");
        search.filterParams().forEach(b::queryParam);
        return b.encode().build().toUriString();
    }

    private String url(Map<String, Object> overrides, long page) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/enterprises");
        search.filterParams().forEach((k, v) -> b.queryParam(k, overrides.getOrDefault(k, v)));
        b.queryParam("page", page);
        if (search.size() != EnterpriseSearch.DEFAULT_SIZE) b.queryParam("size", search.size());
        return b.encode().build().toUriString();
    }
}
