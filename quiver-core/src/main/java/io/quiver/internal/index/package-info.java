/**
 * Pieces shared by the vector indexes of a segment: the view of the raw vectors ({@link
 * io.quiver.internal.index.VectorSource}), the lower-is-better distance convention ({@link
 * io.quiver.internal.index.Distances}), search results, primitive heaps and visited sets, and the
 * header/footer seam of index files ({@link io.quiver.internal.index.IndexFiles}).
 */
package io.quiver.internal.index;
