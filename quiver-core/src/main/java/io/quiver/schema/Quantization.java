package io.quiver.schema;

/**
 * How an approximate index stores the vectors it traverses. The raw vectors are always kept on disk
 * as well, so a query may re-score its best candidates with full precision ("refine").
 */
public enum Quantization {
  /** The index reads the raw vectors. */
  NONE,
  /** Half-precision floats: half the bytes, negligible loss. */
  FP16,
  /** One byte per dimension, scaled per dimension. */
  INT8,
  /** Four bits per dimension. */
  INT4,
  /** Product quantization: a few bytes per vector from per-subspace codebooks. */
  PQ,
  /** RaBitQ: one bit per (rotated) dimension with an error bound per vector. */
  RABITQ
}
