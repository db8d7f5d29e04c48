package io.quiver.internal.index.quant;

import io.quiver.internal.simd.QuantOps;
import java.lang.foreign.MemorySegment;

/**
 * Codes an IVF list stores in blocks of {@link QuantOps#BLOCK} vectors, transposed so that one
 * kernel call scores a whole block (PQ, RaBitQ). Vectors are encoded as residuals from their list's
 * centroid, in the {@link CodeSpace} of the codes.
 */
public interface BlockCodes {

  /** Bytes of one block of {@link QuantOps#BLOCK} codes. */
  int blockBytes();

  /** The space vectors and centres are given in. */
  CodeSpace space();

  /**
   * Bytes of each vector's second-stage code, which a list stores after its blocks, one per vector
   * in position order; 0 when the codes have none.
   */
  default int extraBytes() {
    return 0;
  }

  /**
   * Encodes {@code count} (at most {@link QuantOps#BLOCK}) vectors, rows of {@code xs} mapped into
   * the code space, relative to {@code centre} (in the code space), into the block at {@code
   * offset} of {@code dst}, whose slots from {@code count} on are zeroed, and, when {@link
   * #extraBytes()} is not 0, their second-stage codes one after another from {@code extraOffset} of
   * {@code extra}.
   */
  void encodeBlock(
      float[] xs,
      int count,
      float[] centre,
      MemorySegment dst,
      long offset,
      MemorySegment extra,
      long extraOffset);

  /**
   * {@link #encodeBlock(float[], int, float[], MemorySegment, long, MemorySegment, long)} that
   * drops the second-stage codes.
   */
  default void encodeBlock(float[] xs, int count, float[] centre, MemorySegment dst, long offset) {
    MemorySegment scratch = MemorySegment.ofArray(new byte[Math.max(1, count * extraBytes())]);
    encodeBlock(xs, count, centre, dst, offset, scratch, 0);
  }

  /** A scorer of blocks for one thread. */
  BlockScorer blockScorer();
}
