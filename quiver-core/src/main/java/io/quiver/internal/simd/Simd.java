package io.quiver.internal.simd;

import java.lang.System.Logger.Level;
import java.util.function.Function;
import java.util.function.Supplier;

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
    static final VectorOps OPS =
        choose(
            VectorOps.class,
            "io.quiver.internal.simd.PanamaVectorOps",
            ScalarVectorOps::new,
            VectorOps::name,
            "distance");
  }

  private static final class QuantHolder {
    static final QuantOps OPS =
        choose(
            QuantOps.class,
            "io.quiver.internal.simd.PanamaQuantOps",
            ScalarQuantOps::new,
            QuantOps::name,
            "code");
  }

  /**
   * The Panama implementation {@code panamaClass} of {@code type} when the module is present and it
   * loads (its constructor may refuse the CPU), else the scalar one, as {@code quiver.simd} allows.
   */
  private static <T> T choose(
      Class<T> type,
      String panamaClass,
      Supplier<T> scalar,
      Function<T, String> name,
      String what) {
    String forced = System.getProperty("quiver.simd", "").trim();
    T ops = null;
    if (!forced.equals("scalar")
        && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      try {
        ops = type.cast(Class.forName(panamaClass).getDeclaredConstructor().newInstance());
      } catch (ReflectiveOperationException | LinkageError e) {
        if (forced.equals("panama")) {
          throw new IllegalStateException("quiver.simd=panama but " + e, e);
        }
        LOG.log(
            Level.WARNING, "Panama " + what + " kernels unavailable, using scalar ones: {0}", e);
      }
    } else if (forced.equals("panama")) {
      throw new IllegalStateException(
          "quiver.simd=panama but the Panama kernels cannot load: run the JVM with"
              + " --add-modules jdk.incubator.vector");
    }
    if (ops == null) {
      ops = scalar.get();
    }
    LOG.log(Level.INFO, "Quiver " + what + " kernels: {0}", name.apply(ops));
    return ops;
  }
}
