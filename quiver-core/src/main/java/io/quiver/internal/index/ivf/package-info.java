/**
 * IVF per segment: {@link io.quiver.internal.index.ivf.IvfBuilder} clusters the vectors with
 * k-means and trains the codes off the write path, {@link io.quiver.internal.index.ivf.IvfWriter}
 * writes the lists contiguously (the file layout is in its Javadoc), {@link
 * io.quiver.internal.index.ivf.IvfIndex} maps and verifies the file, and {@link
 * io.quiver.internal.index.ivf.IvfSearcher} probes the nearest lists and re-ranks with the raw
 * vectors.
 */
package io.quiver.internal.index.ivf;
