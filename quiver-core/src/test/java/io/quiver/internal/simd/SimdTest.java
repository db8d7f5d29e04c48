package io.quiver.internal.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The build runs the suite twice, once with {@code jdk.incubator.vector} and once without; this
 * test proves the two runs really used different kernels, so that the comparison tests in {@link
 * VectorOpsTest} compared Panama with scalar at least once.
 */
final class SimdTest {
  @Test
  void choosesTheKernelsTheBuildExpects() {
    String expect = System.getProperty("quiver.simd.expect");
    assumeTrue(expect != null, "quiver.simd.expect is set by the Maven build");
    String name = Simd.ops().name();
    switch (expect) {
      case "panama" -> assertTrue(name.startsWith("panama-"), "kernels: " + name);
      case "scalar" -> assertEquals("scalar", name);
      default -> throw new AssertionError("quiver.simd.expect=" + expect);
    }
  }
}
