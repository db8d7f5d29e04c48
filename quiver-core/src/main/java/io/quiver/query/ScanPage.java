package io.quiver.query;

import io.quiver.Document;
import java.util.List;

/**
 * One page of a {@link ScanRequest}.
 *
 * @param documents the documents, in ascending id order
 * @param nextCursor pass to {@link ScanRequest#after(String)} for the next page; null when the scan
 *     is complete
 */
public record ScanPage(List<Document> documents, String nextCursor) {
  /** Copies the list. */
  public ScanPage {
    documents = List.copyOf(documents);
  }
}
