package io.quiver.internal.index.hnsw;

import io.quiver.internal.index.VectorSource;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import io.quiver.schema.VectorIndex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.nio.file.Path;

/** Builds indexes for tests. */
final class HnswFixtures {
  private HnswFixtures() {}

  /** The index file bytes of {@code base}, built single-threaded with {@code seed}. */
  static byte[] bytes(VectorSource base, Metric metric, Quantization q, int m, int efc, long seed) {
    try (HnswGraph g =
        HnswBuilder.build(base, metric, new VectorIndex.Hnsw(m, efc, q), seed, 1, null)) {
      return bytes(g);
    }
  }

  static byte[] bytes(HnswGraph g) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      HnswWriter.write(g, Channels.newChannel(out), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Opens index bytes held on the heap. */
  /**
   * Opens index bytes from native memory, as the engine does (mapped or read off-heap): kernels may
   * take another path on heap arrays, which can round the last bit of a score differently.
   */
  static HnswIndex load(byte[] bytes, VectorSource base) {
    MemorySegment copy = java.lang.foreign.Arena.ofAuto().allocate(Math.max(1, bytes.length), 64);
    MemorySegment.copy(MemorySegment.ofArray(bytes), 0, copy, 0, bytes.length);
    return HnswIndex.load(Path.of("memory.hnsw"), copy.asSlice(0, bytes.length), base);
  }

  /**
   * Asserts two searches found the same rows in the same order with the same scores up to the last
   * bits: the Vector API may add lanes in another order once the JIT compiles a kernel.
   */
  static void assertSameHits(
      io.quiver.internal.index.TopHits a, io.quiver.internal.index.TopHits b, String context) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        a.rows(), b.rows(), () -> context + ": " + a + " vs " + b);
    for (int i = 0; i < a.size(); i++) {
      org.junit.jupiter.api.Assertions.assertEquals(
          a.scores()[i], b.scores()[i], 1e-5f * Math.max(1, Math.abs(a.scores()[i])), context);
    }
  }
}
