package org.innoladder.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** One page of results with the paging facts a client needs. */
@Schema(description = "One page of results")
public record ResultPage<T>(
        @Schema(description = "The items of this page") List<T> items,
        @Schema(description = "1-based page number") int page,
        @Schema(description = "Page size") int size,
        @Schema(description = "Items matching the filters in the caller's scope") long totalItems,
        @Schema(description = "Number of pages") long totalPages) {

    public static <T> ResultPage<T> of(List<T> items, int page, int size, long total) {
        return new ResultPage<>(items, page, size, total, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < totalPages;
    }
}
