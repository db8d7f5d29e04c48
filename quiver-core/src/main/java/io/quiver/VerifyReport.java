package io.quiver;

import java.util.List;

/**
 * What {@link Quiver#verify} found.
 *
 * @param filesChecked files whose checksums were recomputed or records read
 * @param bytesChecked bytes read
 * @param problems damaged or missing files, each naming the file and what is wrong; empty when the
 *     collection is intact
 * @param notes observations that are not damage (a torn log tail, files no version references)
 */
public record VerifyReport(
    int filesChecked, long bytesChecked, List<String> problems, List<String> notes) {

  /** Copies the lists. */
  public VerifyReport {
    problems = List.copyOf(problems);
    notes = List.copyOf(notes);
  }

  /** Whether no problem was found. */
  public boolean ok() {
    return problems.isEmpty();
  }
}
