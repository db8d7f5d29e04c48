package io.quiver.internal.query.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quiver.Document;
import io.quiver.internal.query.filter.ReferenceEvaluator.Truth;
import io.quiver.query.filter.ArrayContains;
import io.quiver.query.filter.ArrayLength;
import io.quiver.query.filter.Comparison;
import io.quiver.query.filter.Filter;
import io.quiver.query.filter.InList;
import io.quiver.query.filter.IsNull;
import io.quiver.query.filter.Like;
import io.quiver.query.filter.RandomFilters;
import io.quiver.schema.DataType;
import io.quiver.schema.Schema;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Compiled filters against the reference interpreter, on random documents full of nulls, empty
 * arrays and numeric edge cases, for random well-typed filters over every scalar type. Both the
 * tree and its printed text are compiled, so the parser takes part too.
 */
@Tag("once")
class FilterEvaluationTest {
  private static final Schema SCHEMA = RandomDocuments.SCHEMA;
  private static final int FILTERS = 2_000;
  private static final int DOCUMENTS = 120;

  @Test
  void compiledFiltersAgreeWithTheReferenceInterpreter() {
    long seed = Long.getLong("quiver.test.seed", System.nanoTime());
    Random random = new Random(seed);
    List<Document> docs = new RandomDocuments(random).documents(DOCUMENTS);
    List<ObjectRowValues> rows = docs.stream().map(d -> ObjectRowValues.of(SCHEMA, d)).toList();
    Map<String, Set<Truth>> outcomes = new TreeMap<>();
    ReferenceEvaluator oracle =
        new ReferenceEvaluator(
            SCHEMA,
            (leaf, truth) ->
                outcomes.computeIfAbsent(key(leaf), k -> EnumSet.noneOf(Truth.class)).add(truth));
    RandomFilters gen = new RandomFilters(random, SCHEMA);
    StrictRowValues strict = new StrictRowValues(SCHEMA);
    int matches = 0;
    for (int i = 0; i < FILTERS; i++) {
      Filter f = gen.filter(random.nextInt(4));
      CompiledFilter fromTree = FilterCompiler.compile(f, SCHEMA);
      CompiledFilter fromText = FilterCompiler.compile(f.toString(), SCHEMA);
      Conjuncts conjuncts = fromTree.conjuncts();
      for (int d = 0; d < docs.size(); d++) {
        boolean expected = oracle.matches(f, docs.get(d));
        RowValues row = rows.get(d);
        // The text's compilation reads through the contract checker.
        if (fromTree.test(row) != expected || fromText.test(strict.reset(row)) != expected) {
          fail(
              "seed "
                  + seed
                  + ": filter "
                  + f
                  + " compiled to "
                  + fromTree.root()
                  + " gives "
                  + !expected
                  + " on "
                  + docs.get(d));
        }
        if (expected) {
          matches++;
          checkConjunctsHold(conjuncts, row, seed, f);
        }
        if (conjuncts.isComplete()) {
          assertEquals(expected, allGroupsHold(conjuncts, row), "seed " + seed + ": " + f);
        }
      }
    }
    // The comparison is only worth something if every operator was seen true, false and unknown.
    for (Map.Entry<String, Set<Truth>> e : outcomes.entrySet()) {
      Set<Truth> wanted =
          e.getKey().startsWith("IS")
              ? EnumSet.of(Truth.TRUE, Truth.FALSE)
              : EnumSet.allOf(Truth.class);
      assertEquals(wanted, e.getValue(), "seed " + seed + ": outcomes of " + e.getKey());
    }
    assertEquals(
        EXPECTED_KEYS, outcomes.keySet().size(), "seed " + seed + ": " + outcomes.keySet());
    assertTrue(matches > FILTERS * DOCUMENTS / 20, "seed " + seed + ": few matches " + matches);
  }

  // 4 numeric types x 6 ops + STRING x 6 + BOOL x 2; IN / NOT IN x 6 types; LIKE x 2;
  // CONTAIN_ANY / ALL x 6 element types; array_length x 6 ops; IS [NOT] NULL.
  private static final int EXPECTED_KEYS = 32 + 12 + 2 + 12 + 6 + 2;

  private static String key(Filter leaf) {
    return switch (leaf) {
      case Comparison c -> c.op() + " " + type(c.field());
      case InList in -> (in.negated() ? "NOT IN " : "IN ") + type(in.field());
      case Like l -> l.negated() ? "NOT LIKE" : "LIKE";
      case ArrayContains c -> c.match().keyword() + " " + type(c.field());
      case ArrayLength a -> "array_length " + a.op();
      case IsNull n -> n.negated() ? "IS NOT NULL" : "IS NULL";
      default -> throw new IllegalArgumentException(leaf.toString());
    };
  }

  private static DataType type(String field) {
    return field.equals("id") ? DataType.STRING : SCHEMA.field(field).orElseThrow().type();
  }

  /** Every group's bounds are necessary conditions: a matching row satisfies them. */
  private static void checkConjunctsHold(Conjuncts c, RowValues row, long seed, Filter f) {
    for (Conjuncts.FieldConjuncts g : c.fields()) {
      String where = "seed " + seed + ": " + f + " group " + g;
      int field = g.field();
      if (g.requiresNonNull()) {
        assertTrue(!row.isNull(field), where);
      }
      g.longRange()
          .ifPresent(
              r -> {
                long v = row.getLong(field);
                assertTrue(r.lo() <= v && v <= r.hi(), where);
              });
      g.doubleRange()
          .ifPresent(
              r -> {
                double v = row.getDouble(field);
                assertTrue(r.lo() <= v && v <= r.hi(), where);
              });
      g.likePrefix().ifPresent(p -> assertTrue(row.getString(field).startsWith(p), where));
    }
  }

  private static boolean allGroupsHold(Conjuncts c, RowValues row) {
    for (Conjuncts.FieldConjuncts g : c.fields()) {
      for (Pred p : g.preds()) {
        if (!p.test(row)) {
          return false;
        }
      }
    }
    return true;
  }
}
