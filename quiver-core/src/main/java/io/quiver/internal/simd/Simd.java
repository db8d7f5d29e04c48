package io.quiver.internal.simd;

import java.lang.System.Logger.Level;

/**
 * Picks the kernel implementation once. The Panama kernels are used when the {@code
 * jdk.incubator.vector} module is present (run the JVM with {@code --add-modules
 * jdk.incubator.vector}); otherwise the scalar ones. The system property {@code quiver.simd} set to
 * {@code scalar} or {@code panama} forces a choice ({@code panama} fails if the module is absent).
 * One line in the log says which was chosen.
 */
public final class Simd {
  private static final System.Logger LOG = System.getLogger("io.quiver.simd");

  private Simd() {}

  /** The kernels chosen for this JVM. */
  public static VectorOps ops() {
    return Holder.OPS;
  }

  /**
   * The quantized-code kernels chosen for this JVM, by the same rule and system property as {@link
   * #ops()}.
   */
  public static QuantOps quantOps() {
    return QuantHolder.OPS;
  }

  private static final class Holder {
    static final VectorOps OPS = choose();
  }

  private static final class QuantHolder {
    static final QuantOps OPS = chooseQuant();
  }

  private static QuantOps chooseQuant() {
    String forced = System.getProperty("quiver.simd", "").trim();
    QuantOps ops = null;
    if (!forced.equals("scalar")
        && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      try {
        Class<?> c = Class.forName("io.quiver.internal.simd.PanamaQuantOps");
        ops = (QuantOps) c.getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError | UnsupportedOperationException e) {
        if (forced.equals("panama")) {
          throw new IllegalStateException("quiver.simd=panama but " + e, e);
        }
        LOG.log(Level.WARNING, "Panama code kernels unavailable, using scalar ones: {0}", e);
      }
    } else if (forced.equals("panama")) {
      throw new IllegalStateException(
          "quiver.simd=panama but the Panama kernels cannot load: run the JVM with"
              + " --add-modules jdk.incubator.vector");
    }
    if (ops == null) {
      ops = new ScalarQuantOps();
    }
    LOG.log(Level.INFO, "Quiver code kernels: {0}", ops.name());
    return ops;
  }

  private static VectorOps choose() {
    String forced = System.getProperty("quiver.simd", "").trim();
    VectorOps ops;
    if (forced.equals("scalar")) {
      ops = new ScalarVectorOps();
    } else {
      ops = loadPanama();
      if (ops == null) {
        if (forced.equals("panama")) {
          throw new IllegalStateException(
              "quiver.simd=panama but the Panama kernels cannot load: run the JVM with"
                  + " --add-modules jdk.incubator.vector");
        }
        ops = new ScalarVectorOps();
      }
    }
    LOG.log(Level.INFO, "Quiver distance kernels: {0}", ops.name());
    return ops;
  }

  private static VectorOps loadPanama() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      Class<?> c = Class.forName("io.quiver.internal.simd.PanamaVectorOps");
      return (VectorOps) c.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.log(Level.WARNING, "Panama kernels unavailable, using scalar ones: {0}", e.toString());
      return null;
    }
  }
}
