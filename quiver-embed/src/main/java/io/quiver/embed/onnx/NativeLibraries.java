package io.quiver.embed.onnx;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Prepares the two native libraries (ONNX Runtime, Hugging Face tokenizers through DJL) before
 * either is loaded, so that running a model touches neither the network nor the home directory.
 *
 * <ul>
 *   <li>Both libraries are unpacked from their jars into one Quiver-owned folder, by default {@code
 *       <java.io.tmpdir>/quiver-<user>/} (owner-only permissions), or {@code
 *       -Dquiver.embed.cacheDir=...}: ONNX Runtime into {@code onnxruntime-<version>-<os-arch>/}
 *       (its {@code onnxruntime.native.path}), DJL into {@code djl/} (its {@code DJL_CACHE_DIR}).
 *       They are unpacked once and reused by later processes. JNA, which DJL uses to probe for
 *       GPUs, unpacks into {@code jna/} ({@code jna.tmpdir}). Without this ONNX Runtime would
 *       unpack into a new temporary folder per process, DJL into {@code ~/.djl.ai} and JNA into
 *       {@code ~/.cache/JNA}.
 *   <li>DJL runs offline ({@code ai.djl.offline}, {@code OPT_OUT_TRACKING}): otherwise creating a
 *       tokenizer may probe a cloud metadata address and send telemetry. If the environment forces
 *       DJL online ({@code DJL_OFFLINE=false}), loading refuses rather than reach the network.
 * </ul>
 *
 * Settings the user made (system properties or environment variables) are left alone.
 */
final class NativeLibraries {
  private static final System.Logger LOG = System.getLogger("io.quiver.embed");

  /** Overrides the folder native libraries are unpacked into. */
  static final String CACHE_DIR_PROPERTY = "quiver.embed.cacheDir";

  private static boolean prepared;

  private NativeLibraries() {}

  /** Idempotent; call before the first use of any ONNX Runtime or DJL class. */
  static synchronized void prepare() {
    if (prepared) {
      return;
    }
    Path root = cacheRoot();
    setIfUnset("ai.djl.offline", "true");
    setIfUnset("OPT_OUT_TRACKING", "true");
    setIfUnset("DJL_CACHE_DIR", root.resolve("djl").toString());
    // DJL probes for GPUs through JNA, which unpacks its own library into ~/.cache/JNA on Linux.
    setIfUnset("jna.tmpdir", root.resolve("jna").toString());
    if (System.getProperty("onnxruntime.native.path") == null) {
      Path ort = unpackOnnxRuntime(root);
      if (ort != null) {
        System.setProperty("onnxruntime.native.path", ort.toString());
      }
    }
    if (!ai.djl.util.Utils.isOfflineMode()) {
      throw new IllegalStateException(
          "DJL is not in offline mode (is DJL_OFFLINE=false set in the environment?); Quiver runs"
              + " models without network access and will not load a tokenizer that may use it");
    }
    prepared = true;
  }

  private static void setIfUnset(String name, String value) {
    if (System.getProperty(name) == null && System.getenv(name) == null) {
      System.setProperty(name, value);
    }
  }

  /** The Quiver-owned folder, created owner-only; a folder someone else owns is not used. */
  static Path cacheRoot() {
    String configured = System.getProperty(CACHE_DIR_PROPERTY);
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
    Path root =
        configured != null
            ? Path.of(configured)
            : Path.of(System.getProperty("java.io.tmpdir"), "quiver-" + user);
    try {
      if (!Files.isDirectory(root)) {
        createPrivateDirectories(root);
      }
      // A shared temporary folder is writable by everyone: load native code only from a folder
      // this user owns.
      if (configured == null && !Files.getOwner(root).getName().equals(user)) {
        Path own = Files.createTempDirectory("quiver-" + user + "-");
        LOG.log(
            Level.WARNING,
            "{0} belongs to another user; unpacking native libraries into {1} instead",
            root,
            own);
        return own;
      }
      return root;
    } catch (IOException | UnsupportedOperationException e) {
      throw new IllegalStateException(
          "cannot create the folder for native libraries "
              + root
              + " (set -D"
              + CACHE_DIR_PROPERTY
              + " to another): "
              + e,
          e);
    }
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    try {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException raced) {
      // another process created it first
    }
  }

  /**
   * Unpacks ONNX Runtime's libraries for this platform from its jar into {@code root}, once per
   * version; returns the folder, or null when the jar has none for this platform (then ONNX Runtime
   * looks for them itself and reports what is missing).
   */
  private static Path unpackOnnxRuntime(Path root) {
    String platform = ortPlatform();
    String version = OrtEnvironment.class.getPackage().getImplementationVersion();
    if (platform == null || version == null) {
      return null;
    }
    Path dir = root.resolve("onnxruntime-" + version + "-" + platform);
    try {
      for (String lib : new String[] {"onnxruntime", "onnxruntime4j_jni"}) {
        String file = System.mapLibraryName(lib);
        URL url =
            OrtEnvironment.class.getResource("/ai/onnxruntime/native/" + platform + "/" + file);
        if (url == null) {
          return null;
        }
        createPrivateDirectories(dir);
        Path target = dir.resolve(file);
        long size = url.openConnection().getContentLengthLong();
        if (Files.isRegularFile(target) && size >= 0 && Files.size(target) == size) {
          continue;
        }
        // Unpack under a unique name, then rename: a process loading it never sees half a file.
        Path tmp = Files.createTempFile(dir, file, ".tmp");
        try (InputStream in = url.openStream()) {
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      return dir;
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not unpack ONNX Runtime into {0}: {1}", dir, e);
      return null;
    }
  }

  /** ONNX Runtime's name for this platform's folder in its jar, or null if it has none. */
  private static String ortPlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String o =
        os.contains("linux")
            ? "linux"
            : os.contains("mac") || os.contains("darwin")
                ? "osx"
                : os.contains("win") ? "win" : null;
    String a =
        arch.equals("amd64") || arch.equals("x86_64")
            ? "x64"
            : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
    return o == null || a == null ? null : o + "-" + a;
  }
}
