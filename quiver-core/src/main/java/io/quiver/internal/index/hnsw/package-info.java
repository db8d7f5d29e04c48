/**
 * HNSW per segment: {@link io.quiver.internal.index.hnsw.HnswBuilder} builds the graph off the
 * write path, {@link io.quiver.internal.index.hnsw.HnswWriter} writes it (the file layout is in its
 * Javadoc), {@link io.quiver.internal.index.hnsw.HnswIndex} maps and verifies it, and {@link
 * io.quiver.internal.index.hnsw.HnswSearcher} searches it in place.
 */
package io.quiver.internal.index.hnsw;
