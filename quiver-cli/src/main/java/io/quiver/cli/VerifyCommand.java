package io.quiver.cli;

import io.quiver.Quiver;
import io.quiver.VerifyReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code quiver verify DIR}: checks every file's checksum and every log record. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Check a collection's files (checksums, log records); exit 1 if damaged.")
final class VerifyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "The collection's directory.")
  Path dir;

  @Override
  public Integer call() {
    VerifyReport r = Quiver.verify(dir);
    System.out.printf(
        Locale.ROOT,
        "%s: %d files, %.1f MB checked%n",
        dir,
        r.filesChecked(),
        r.bytesChecked() / 1e6);
    r.notes().forEach(n -> System.out.println("  note: " + n));
    r.problems().forEach(p -> System.out.println("  DAMAGED: " + p));
    System.out.println(r.ok() ? "ok" : r.problems().size() + " problem(s)");
    return r.ok() ? 0 : 1;
  }
}
