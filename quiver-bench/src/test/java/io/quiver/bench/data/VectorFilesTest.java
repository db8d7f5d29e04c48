package io.quiver.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorFilesTest {
  @TempDir Path dir;

  @Test
  void fvecsRoundTrip() throws IOException {
    SplittableRandom rnd = new SplittableRandom(1);
    float[][] v = new float[37][13];
    for (float[] row : v) {
      for (int j = 0; j < row.length; j++) {
        row[j] = (float) rnd.nextGaussian();
      }
    }
    v[3][0] = Float.MIN_VALUE;
    v[4][1] = -0.0f;
    Path p = dir.resolve("a.fvecs");
    VectorFiles.writeFvecs(p, v);
    assertEquals(37L * (4 + 13 * 4), Files.size(p));
    try (VectorFile f = VectorFile.open(p)) {
      assertEquals(13, f.dim());
      assertEquals(37, f.count());
      float[][] back = f.readAll();
      for (int i = 0; i < v.length; i++) {
        assertArrayEquals(v[i], back[i], 0f, "row " + i);
      }
      assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(f.read(4)[1]));
    }
  }

  @Test
  void ivecsRoundTrip() throws IOException {
    int[][] rows = {{1, 2, 3}, {-1, Integer.MAX_VALUE, Integer.MIN_VALUE}, {0, 0, 7}};
    Path p = dir.resolve("g.ivecs");
    VectorFiles.writeIvecs(p, rows);
    int[][] back = VectorFiles.readInts(p);
    assertEquals(rows.length, back.length);
    for (int i = 0; i < rows.length; i++) {
      assertArrayEquals(rows[i], back[i]);
    }
  }

  @Test
  void bvecsReadAsUnsignedFloats() throws IOException {
    byte[][] rows = {{0, 1, (byte) 200, (byte) 255}, {5, 6, 7, 8}};
    Path p = dir.resolve("b.bvecs");
    VectorFiles.writeBvecs(p, rows);
    float[][] back = VectorFiles.readFloats(p);
    assertArrayEquals(new float[] {0, 1, 200, 255}, back[0], 0f);
    assertArrayEquals(new float[] {5, 6, 7, 8}, back[1], 0f);
  }

  @Test
  void truncatedFileIsRefusedByName() throws IOException {
    Path p = dir.resolve("bad.fvecs");
    VectorFiles.writeFvecs(p, new float[][] {{1, 2}, {3, 4}});
    byte[] bytes = Files.readAllBytes(p);
    Files.write(p, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> VectorFile.open(p).close());
    assertEquals(true, e.getMessage().contains("bad.fvecs"), e.getMessage());
  }

  @Test
  void mixedDimensionsAreRefused() throws IOException {
    Path p = dir.resolve("m.fvecs");
    assertThrows(
        IllegalArgumentException.class,
        () -> VectorFiles.writeFvecs(p, new float[][] {{1, 2}, {3}}));
  }
}
