package io.quiver.internal.engine;

/**
 * Where the live version of a document is in a view.
 *
 * @param memtable the memtable's index in {@link View#memtablesNewestFirst()} order, or -1
 * @param segment the segment's index in {@link View#segments}, or -1
 * @param row the row
 */
record Location(int memtable, int segment, int row) {}
