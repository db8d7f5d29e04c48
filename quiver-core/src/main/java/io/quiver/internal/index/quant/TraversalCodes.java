package io.quiver.internal.index.quant;

import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import java.lang.foreign.MemorySegment;

/**
 * How an index stores the vectors it traverses: the pluggable part of a quantized index. A graph
 * keeps one fixed-size code per node next to the node's neighbour list and scores codes while it
 * walks; the raw vectors are only read to re-rank the final candidates. Implementations are
 * immutable and thread-safe; their parameters (scales, offsets) are written into the index file.
 *
 * <ul>
 *   <li>{@link RawCodes} ({@link Quantization#NONE}): no code; the raw vectors are read in place.
 *   <li>{@link HalfCodes} ({@link Quantization#FP16}): two bytes per dimension.
 *   <li>{@link ScalarCodes} ({@link Quantization#INT8}, {@link Quantization#INT4}): one byte or one
 *       nibble per dimension, scaled per dimension, plus one float; optionally of rotated vectors.
 *   <li>{@link PqCodes} ({@link Quantization#PQ}): one byte per four dimensions, plus one float.
 *   <li>{@link RabitCodes} ({@link Quantization#RABITQ}): one bit per dimension of the rotated
 *       vector, plus four floats (scale factors and an error bound).
 * </ul>
 *
 * <p>{@link CodesFormat} writes and reads their parameters for every index file.
 */
public sealed interface TraversalCodes
    permits RawCodes, HalfCodes, ScalarCodes, PqCodes, RabitCodes {

  /** The metric the codes are scored with. */
  Metric metric();

  /** The quantization these codes implement. */
  Quantization quantization();

  /** Dimension of the vectors. */
  int dimension();

  /** Bytes of one code; 0 for {@link RawCodes}, whose vectors stay where they are. */
  int codeBytes();

  /** True if distances on the codes equal the raw distances, so that re-ranking is pointless. */
  boolean exact();

  /**
   * Writes the code of {@code vector} at {@code offset} of {@code dst}. May scale {@code vector} in
   * place (COSINE normalizes).
   */
  void encode(float[] vector, MemorySegment dst, long offset);

  /**
   * A scorer over codes stored at {@code base + node * stride} of {@code data}. Not for {@link
   * RawCodes}, which addresses raw rows instead.
   */
  CodeScorer scorer(MemorySegment data, long base, long stride);
}
