package io.quiver.query;

import io.quiver.InvalidArgumentException;
import java.util.List;

/**
 * A filter-only read: the live documents that pass {@code filter}, in ascending id order (by
 * Unicode code point), at most {@code limit} of them, starting after the id {@code after}. Each
 * {@link ScanPage} names the cursor of the next page, so a scan can resume later even if the
 * collection changed meanwhile: it then continues with the documents whose ids sort after the last
 * one returned.
 *
 * @param filter a filter expression, or null for every document
 * @param limit the most documents to return, 1..100000
 * @param after resume after this id (a page's {@link ScanPage#nextCursor()}); null to start
 * @param outputFields the scalar fields to return; null for all
 * @param includeVectors whether documents carry their vector fields
 */
public record ScanRequest(
    String filter, int limit, String after, List<String> outputFields, boolean includeVectors) {

  /** Checks the limit. */
  public ScanRequest {
    if (limit < 1 || limit > 100_000) {
      throw new InvalidArgumentException("scan limit " + limit + " is outside 1..100000");
    }
    outputFields = outputFields == null ? null : List.copyOf(outputFields);
  }

  /** The first page of documents passing {@code filter} (null for all), scalar fields only. */
  public static ScanRequest of(String filter, int limit) {
    return new ScanRequest(filter, limit, null, null, false);
  }

  /** This request resuming after {@code cursor}. */
  public ScanRequest after(String cursor) {
    return new ScanRequest(filter, limit, cursor, outputFields, includeVectors);
  }
}
