package io.quiver;

import java.util.Map;

/**
 * A snapshot of a collection's size and state.
 *
 * @param version the committed version (manifest number) the handle reads
 * @param liveDocuments documents a query can return
 * @param deletedRows rows still stored but deleted or replaced, waiting for a merge
 * @param segments immutable segments in the version
 * @param memtableDocuments live documents only in the in-memory segment (in the log, not yet
 *     flushed)
 * @param diskBytes bytes of the files of the version, the log included
 * @param indexCompleteness per vector field, the share of flushed rows covered by a finished index
 *     (1.0 when complete; rows of the in-memory segment are searched exactly)
 */
public record CollectionStats(
    long version,
    long liveDocuments,
    long deletedRows,
    int segments,
    long memtableDocuments,
    long diskBytes,
    Map<String, Double> indexCompleteness) {}
