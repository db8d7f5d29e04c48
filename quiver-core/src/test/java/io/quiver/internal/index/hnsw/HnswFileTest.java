package io.quiver.internal.index.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.CorruptionException;
import io.quiver.internal.index.TestVectors;
import io.quiver.internal.index.TopHits;
import io.quiver.internal.index.VectorSource;
import io.quiver.schema.Metric;
import io.quiver.schema.Quantization;
import io.quiver.schema.VectorIndex;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Writing, mapping, determinism and damage detection of the HNSW file. */
class HnswFileTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = Quantization.class,
      names = {"NONE", "FP16", "INT8", "INT4"})
  void writeThenMapGivesIdenticalResults(Quantization quant) throws IOException {
    long seed = TestVectors.seed();
    try (Arena arena = Arena.ofShared()) {
      VectorSource base = TestVectors.clustered(arena, seed, 1500, 20, 10);
      Path file = dir.resolve("seg_" + quant + ".hnsw");
      byte[] inMemory;
      try (HnswGraph g =
          HnswBuilder.build(
              base, Metric.COSINE, new VectorIndex.Hnsw(8, 64, quant), seed, 1, null)) {
        HnswWriter.write(g, file);
        inMemory = HnswFixtures.bytes(g);
      }
      assertArrayEquals(
          inMemory, Files.readAllBytes(file), "same bytes either way (seed " + seed + ")");
      HnswIndex before = HnswFixtures.load(inMemory, base);
      HnswIndex mapped;
      try (Arena fileArena = Arena.ofShared()) {
        mapped = HnswIndex.open(file, fileArena, base);
        assertEquals(file, mapped.file());
        assertEquals(quant, mapped.quantization());
        for (float[] q : TestVectors.queries(base, seed, 30)) {
          TopHits a = before.newSearcher().search(q, 10, 40, 0, null);
          TopHits b = mapped.search(q, 10, io.quiver.query.SearchParams.DEFAULT.withEf(40), null);
          HnswFixtures.assertSameHits(a, b, "seed " + seed);
        }
      }
    }
  }

  @Test
  void singleThreadBuildIsDeterministic() {
    long seed = TestVectors.seed();
    try (Arena arena = Arena.ofConfined()) {
      VectorSource base = TestVectors.clustered(arena, seed, 800, 16, 8);
      byte[] a = HnswFixtures.bytes(base, Metric.L2, Quantization.INT8, 8, 40, 7);
      byte[] b = HnswFixtures.bytes(base, Metric.L2, Quantization.INT8, 8, 40, 7);
      assertArrayEquals(a, b, "seed " + seed);
    }
  }

  @Test
  @Tag("once")
  void flippedByteIsCorruption() throws IOException {
    long seed = TestVectors.seed();
    try (Arena arena = Arena.ofShared()) {
      VectorSource base = TestVectors.clustered(arena, seed, 500, 12, 6);
      byte[] good = HnswFixtures.bytes(base, Metric.L2, Quantization.INT8, 6, 30, seed);
      SplittableRandom r = new SplittableRandom(seed);
      Path file = dir.resolve("damaged.hnsw");
      int[] positions = new int[64];
      for (int i = 0; i < positions.length; i++) {
        positions[i] = i < 16 ? i * good.length / 16 : r.nextInt(good.length);
      }
      positions[0] = 0;
      positions[1] = good.length - 1;
      positions[2] = good.length - 12;
      for (int pos : positions) {
        byte[] bad = good.clone();
        bad[pos] ^= (byte) (1 << r.nextInt(8));
        Files.write(file, bad);
        try (Arena a = Arena.ofConfined()) {
          CorruptionException e =
              assertThrows(
                  CorruptionException.class,
                  () -> HnswIndex.open(file, a, base),
                  "flip at " + pos + " of " + good.length + " (seed " + seed + ")");
          assertEquals(file, e.file());
          assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
      }
    }
  }

  @Test
  @Tag("once")
  void truncationIsCorruption() throws IOException {
    long seed = TestVectors.seed();
    try (Arena arena = Arena.ofShared()) {
      VectorSource base = TestVectors.clustered(arena, seed, 400, 12, 6);
      byte[] good = HnswFixtures.bytes(base, Metric.IP, Quantization.NONE, 6, 30, seed);
      Path file = dir.resolve("short.hnsw");
      for (int len : new int[] {0, 3, 10, 40, good.length / 2, good.length - 17, good.length - 1}) {
        Files.write(file, Arrays.copyOf(good, len));
        try (Arena a = Arena.ofConfined()) {
          CorruptionException e =
              assertThrows(
                  CorruptionException.class,
                  () -> HnswIndex.open(file, a, base),
                  "truncated to " + len + " (seed " + seed + ")");
          assertEquals(file, e.file());
        }
      }
    }
  }
}
