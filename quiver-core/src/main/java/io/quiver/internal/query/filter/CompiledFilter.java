package io.quiver.internal.query.filter;

import io.quiver.query.filter.Filter;
import io.quiver.schema.Schema;
import java.util.TreeSet;

/**
 * A filter compiled for one schema: evaluate it per row with {@link #test(RowValues)}, and give the
 * planner its per-field conjuncts ({@link #conjuncts()}) and a selectivity estimate ({@link
 * #selectivity}). Immutable and thread-safe; compile once per query and share across threads.
 */
public final class CompiledFilter {
  private final Filter filter;
  private final Schema schema;
  private final Pred root;
  private final int[] fields;

  CompiledFilter(Filter filter, Schema schema, Pred root) {
    this.filter = filter;
    this.schema = schema;
    this.root = root;
    TreeSet<Integer> read = new TreeSet<>();
    collectFields(root, read);
    this.fields = read.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void collectFields(Pred p, TreeSet<Integer> out) {
    switch (p) {
      case Pred.Leaf leaf -> out.add(leaf.field());
      case Pred.AllOf a -> {
        for (Pred c : a.operands()) {
          collectFields(c, out);
        }
      }
      case Pred.AnyOf o -> {
        for (Pred c : o.operands()) {
          collectFields(c, out);
        }
      }
    }
  }

  /** Whether the row matches: the filter is true for it (not false, not unknown). */
  public boolean test(RowValues row) {
    return root.test(row);
  }

  /** The filter this was compiled from. */
  public Filter filter() {
    return filter;
  }

  /** The schema the field ordinals refer to. */
  public Schema schema() {
    return schema;
  }

  /** The compiled tree, {@code NOT}-free, for the planner and for index evaluation. */
  public Pred root() {
    return root;
  }

  /** The ordinals of the fields the filter reads, ascending; {@link RowValues#ID} first if read. */
  public int[] fields() {
    return fields.clone();
  }

  /** The top-level conjuncts grouped by field, for choosing indexes. */
  public Conjuncts conjuncts() {
    return Conjuncts.of(root);
  }

  /** The estimated fraction of rows that match, in [0, 1]. */
  public double selectivity(Selectivity.Estimator estimator) {
    return Selectivity.estimate(root, estimator);
  }

  /** The filter's canonical text. */
  @Override
  public String toString() {
    return filter.toString();
  }
}
