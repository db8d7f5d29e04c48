package io.quiver.internal.index.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.internal.index.VectorSource;
import io.quiver.internal.simd.QuantOps;
import io.quiver.internal.store.ChecksumWriter;
import io.quiver.schema.Metric;
import io.quiver.testkit.Seeds;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The quantizers on their own: the rotation is orthogonal and reads back from its signs; RaBitQ's
 * estimator is accurate and its lower bound holds; PQ's block and node scorers agree with a decode;
 * every kind of codes reads back from {@link CodesFormat} to the same distances.
 */
class CodesTest {
  private static final int BLOCK = QuantOps.BLOCK;

  @Test
  void rotationKeepsNormsAndDotsAndReadsBack() throws Exception {
    long seed = Seeds.seed();
    Seeds.run(
        seed,
        () -> {
          Random rnd = new Random(seed);
          for (int d : new int[] {1, 3, 7, 16, 17, 100, 784}) {
            Rotation r = Rotation.random(d, rnd.nextLong());
            float[] x = gaussian(rnd, d);
            float[] y = gaussian(rnd, d);
            float[] rx = r.rotated(x);
            float[] ry = r.rotated(y);
            double tol = 1e-4 * Math.max(1, dot(x, x));
            assertEquals(dot(x, x), dot(rx, rx), tol, "norm, d " + d);
            assertEquals(dot(x, y), dot(rx, ry), 1e-4 * Math.sqrt(dot(x, x) * dot(y, y)), "dot");
            assertArrayEquals(rx, Rotation.of(d, r.signs()).rotated(x), "read back, d " + d);
          }
        });
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void rabitqEstimatesCloselyAndItsBoundHolds(Metric metric) throws Exception {
    long seed = Seeds.seed();
    Seeds.run(
        seed,
        () -> {
          Random rnd = new Random(seed);
          int d = 128;
          RabitCodes codes = RabitCodes.of(metric, d, Rotation.random(d, seed), new float[d]);
          float[] centre = codes.space().map(gaussian(rnd, d), d);
          int n = 64 * BLOCK;
          float[] xs = new float[n * d];
          float[][] raw = new float[n][];
          for (int i = 0; i < n; i++) {
            raw[i] = gaussian(rnd, d);
            System.arraycopy(codes.space().map(raw[i], d), 0, xs, i * d, d);
          }
          try (Arena arena = Arena.ofConfined()) {
            MemorySegment blocks = arena.allocate((long) codes.blockBytes() * (n / BLOCK));
            for (int b = 0; b < n / BLOCK; b++) {
              float[] part = java.util.Arrays.copyOfRange(xs, b * BLOCK * d, (b + 1) * BLOCK * d);
              codes.encodeBlock(part, BLOCK, centre, blocks, (long) b * codes.blockBytes());
            }
            BlockScorer s = codes.blockScorer();
            int violations = 0;
            double relError = 0;
            for (int t = 0; t < 20; t++) {
              float[] q = gaussian(rnd, d);
              float[] mq = codes.space().map(q, d);
              s.setQuery(mq);
              s.setList(centre, centreDistance(metric, mq, centre));
              float[] est = new float[BLOCK];
              float[] lower = new float[BLOCK];
              for (int b = 0; b < n / BLOCK; b++) {
                s.score(blocks, (long) b * codes.blockBytes(), est, lower);
                for (int c = 0; c < BLOCK; c++) {
                  double exact = distance(metric, q, raw[b * BLOCK + c]);
                  if (lower[c] > exact + 1e-3 * Math.abs(exact)) {
                    violations++;
                  }
                  relError += Math.abs(est[c] - exact) / scale(metric, q, raw[b * BLOCK + c]);
                }
              }
            }
            int pairs = 20 * n;
            // The bound holds with high probability (ε0 = 1.9: about 1 in 30 of a thousand).
            assertTrue(violations <= pairs / 100, violations + " bound violations of " + pairs);
            double mean = relError / pairs;
            System.out.printf(
                "rabitq %s: mean error %.4f, %d bound violations of %d%n",
                metric, mean, violations, pairs);
            // One bit per dimension: about sqrt((1 - α²) / (α² D)) = 0.066 of |q - c| |x - c|,
            // which is about a tenth of these distances (the centre is a random point).
            assertTrue(mean < 0.15, metric + " mean relative error " + mean);
          }
        });
  }

  @Test
  void pqBlockAndNodeScorersAgreeWithTheDecodedVectors() throws Exception {
    long seed = Seeds.seed();
    Seeds.run(
        seed,
        () -> {
          Random rnd = new Random(seed);
          int d = 19;
          int n = 600;
          for (Metric metric : Metric.values()) {
            CodeSpace space = new CodeSpace(metric, null);
            float[] sample = new float[n * d];
            for (int i = 0; i < n; i++) {
              System.arraycopy(space.map(gaussian(rnd, d), d), 0, sample, i * d, d);
            }
            PqCodes pq = PqCodes.train(sample, n, d, metric, null, seed, 1, null);
            assertEquals(5, pq.subspaceCount());
            float[] centre = space.map(gaussian(rnd, d), d);
            float[] xs = java.util.Arrays.copyOf(sample, BLOCK * d);
            byte[] codes = new byte[BLOCK * pq.subspaceCount()];
            float[] t = new float[BLOCK];
            pq.encode(xs, BLOCK, centre, codes, t);
            try (Arena arena = Arena.ofConfined()) {
              MemorySegment block = arena.allocate(pq.blockBytes());
              pq.encodeBlock(xs, BLOCK, centre, block, 0);
              MemorySegment nodes = arena.allocate((long) pq.codeBytes() * BLOCK);
              for (int c = 0; c < BLOCK; c++) {
                pq.encode(
                    java.util.Arrays.copyOfRange(xs, c * d, (c + 1) * d),
                    nodes,
                    (long) c * pq.codeBytes());
              }
              float[] q = gaussian(rnd, d);
              float[] mq = space.map(q, d);
              BlockScorer bs = pq.blockScorer();
              bs.setQuery(mq);
              bs.setList(centre, centreDistance(metric, mq, centre));
              float[] est = new float[BLOCK];
              bs.score(block, 0, est, null);
              CodeScorer ns = pq.scorer(nodes, 0, pq.codeBytes());
              ns.setQuery(q);
              for (int c = 0; c < BLOCK; c++) {
                float[] decoded = decode(pq, codes, c, centre);
                double expected = pqExpected(metric, mq, decoded);
                assertEquals(expected, est[c], 1e-3 * Math.max(1, Math.abs(expected)), "block");
                float[] own = decode(pq, nodeCode(nodes, c, pq), 0, null);
                double exp2 = Math.max(0, pqExpected(metric, mq, own));
                if (metric != Metric.L2) {
                  exp2 = pqExpected(metric, mq, own);
                }
                assertEquals(exp2, ns.distance(c), 1e-3 * Math.max(1, Math.abs(exp2)), "node");
              }
            }
          }
        });
  }

  @Test
  void everyKindOfCodesReadsBackToTheSameDistances() throws Exception {
    long seed = Seeds.seed();
    Seeds.run(
        seed,
        () -> {
          Random rnd = new Random(seed);
          int d = 40;
          int n = 300;
          try (Arena arena = Arena.ofConfined()) {
            MemorySegment rows = arena.allocate(4L * n * d);
            for (int i = 0; i < n * d; i++) {
              rows.setAtIndex(
                  java.lang.foreign.ValueLayout.JAVA_FLOAT, i, (float) rnd.nextGaussian());
            }
            VectorSource raw = VectorSource.ofF32(rows, n, d);
            Rotation rot = Rotation.random(d, seed);
            TraversalCodes[] all = {
              new RawCodes(Metric.L2, d),
              new HalfCodes(Metric.IP, d),
              ScalarCodes.train(raw, Metric.COSINE, 8),
              ScalarCodes.train(raw, Metric.L2, 4, rot),
              PqCodes.train(raw, Metric.IP, null, seed, 1, null),
              PqCodes.train(raw, Metric.L2, rot, seed, 1, null),
              RabitCodes.train(raw, Metric.COSINE, seed)
            };
            for (TraversalCodes codes : all) {
              ByteArrayOutputStream bytes = new ByteArrayOutputStream();
              ChecksumWriter w = ChecksumWriter.over(Channels.newChannel(bytes));
              CodesFormat.writeParams(codes, w);
              w.flush();
              byte[] b = bytes.toByteArray();
              assertEquals(CodesFormat.paramBytes(codes), b.length, codes.quantization() + "");
              MemorySegment params = arena.allocate(b.length + 1);
              MemorySegment.copy(
                  b, 0, params, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, b.length);
              TraversalCodes back =
                  CodesFormat.read(
                      CodesFormat.code(codes.quantization()),
                      CodesFormat.flags(codes),
                      codes.metric(),
                      d,
                      params,
                      0,
                      b.length);
              if (codes.codeBytes() == 0) {
                continue;
              }
              MemorySegment a = arena.allocate((long) codes.codeBytes() * 8);
              MemorySegment c = arena.allocate((long) codes.codeBytes() * 8);
              float[] x = new float[d];
              for (int i = 0; i < 8; i++) {
                raw.readRow(i, x);
                codes.encode(x.clone(), a, (long) i * codes.codeBytes());
                back.encode(x.clone(), c, (long) i * codes.codeBytes());
              }
              assertEquals(-1, a.mismatch(c), codes.quantization() + " codes differ");
              float[] q = gaussian(rnd, d);
              CodeScorer s1 = codes.scorer(a, 0, codes.codeBytes());
              CodeScorer s2 = back.scorer(c, 0, codes.codeBytes());
              s1.setQuery(q);
              s2.setQuery(q);
              for (int i = 0; i < 8; i++) {
                assertEquals(s1.distance(i), s2.distance(i), codes.quantization() + " distance");
              }
            }
          }
        });
  }

  private static byte[] nodeCode(MemorySegment nodes, int c, PqCodes pq) {
    byte[] out = new byte[pq.subspaceCount()];
    MemorySegment.copy(
        nodes,
        java.lang.foreign.ValueLayout.JAVA_BYTE,
        (long) c * pq.codeBytes() + 4,
        out,
        0,
        out.length);
    return out;
  }

  /** The vector a PQ code stands for: the centre plus the chosen centroids. */
  private static float[] decode(PqCodes pq, byte[] codes, int c, float[] centre) {
    int d = pq.dimension();
    int m = pq.subspaceCount();
    float[] out = centre == null ? new float[d] : centre.clone();
    for (int j = 0; j < m; j++) {
      int s = (int) ((long) j * d / m);
      int e = (int) ((long) (j + 1) * d / m);
      int k = Byte.toUnsignedInt(codes[c * m + j]);
      for (int dim = s; dim < e; dim++) {
        out[dim] += pq.centroid(j, k, dim - s);
      }
    }
    return out;
  }

  /** What a PQ scorer computes for the decoded vector: its distance, unnormalized for COSINE. */
  private static double pqExpected(Metric metric, float[] q, float[] x) {
    return switch (metric) {
      case L2 -> l2(q, x);
      case IP -> -dot(q, x);
      case COSINE -> 1 - dot(q, x);
    };
  }

  /** What an error is relative to: the distance for L2, |q| |x| for IP, 1 for COSINE. */
  private static double scale(Metric metric, float[] q, float[] x) {
    return switch (metric) {
      case L2 -> l2(q, x);
      case IP -> Math.sqrt(dot(q, q) * dot(x, x));
      case COSINE -> 1;
    };
  }

  private static float centreDistance(Metric metric, float[] q, float[] c) {
    return switch (metric) {
      case L2 -> (float) l2(q, c);
      case IP, COSINE -> (float) -dot(q, c);
    };
  }

  /** The internal distance: squared L2, negated dot, one minus cosine. */
  private static double distance(Metric metric, float[] q, float[] x) {
    return switch (metric) {
      case L2 -> l2(q, x);
      case IP -> -dot(q, x);
      case COSINE -> 1 - dot(q, x) / Math.sqrt(dot(q, q) * dot(x, x));
    };
  }

  private static double l2(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) (a[i] - b[i]) * (a[i] - b[i]);
    }
    return s;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  private static float[] gaussian(Random rnd, int d) {
    float[] x = new float[d];
    for (int i = 0; i < d; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    return x;
  }
}
