package io.quiver.crash;

import io.quiver.Document;
import io.quiver.schema.DataType;
import io.quiver.schema.Metric;
import io.quiver.schema.Schema;
import io.quiver.schema.VectorIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The crash test's workload: write call number {@code i} is a pure function of {@code (seed, i)},
 * so the parent process can rebuild the state after any prefix of calls without talking to the
 * killed child.
 */
final class Workload {
  static final Schema SCHEMA =
      Schema.builder()
          .scalar("n", DataType.INT64)
          .nullableScalar("s", DataType.STRING)
          .vector("v", DataType.VECTOR_FP32, 4, Metric.L2, VectorIndex.flat())
          .build();
  static final int IDS = 150;

  /** One write call. */
  record Call(String kind, List<Document> docs, List<String> ids) {}

  private Workload() {}

  static Call call(long seed, int i) {
    Random r = new Random(seed * 1_000_003L + i);
    int size = 1 + r.nextInt(6);
    Set<String> ids = new HashSet<>();
    while (ids.size() < size) {
      ids.add("k" + r.nextInt(IDS));
    }
    List<String> idList = new ArrayList<>(ids);
    idList.sort(null);
    int kind = r.nextInt(10);
    if (kind < 2) {
      return new Call("delete", List.of(), idList);
    }
    List<Document> docs = new ArrayList<>();
    for (String id : idList) {
      Document.Builder b = Document.builder(id).set("n", (long) i);
      if (kind < 4) {
        docs.add(b.build());
        continue;
      }
      b.set("s", r.nextBoolean() ? null : "call " + i + " " + "x".repeat(r.nextInt(50)));
      b.set("v", new float[] {i, r.nextFloat(), r.nextFloat(), id.hashCode() % 7});
      docs.add(b.build());
    }
    return new Call(kind < 4 ? "update" : kind < 7 ? "insert" : "upsert", docs, idList);
  }

  /** Applies a call to the model with the collection's semantics. */
  static void apply(Call c, Map<String, Document> model) {
    switch (c.kind()) {
      case "delete" -> c.ids().forEach(model::remove);
      case "insert" -> c.docs().forEach(d -> model.putIfAbsent(d.id(), d));
      case "upsert" -> c.docs().forEach(d -> model.put(d.id(), d));
      case "update" ->
          c.docs()
              .forEach(
                  d -> {
                    Document old = model.get(d.id());
                    if (old != null) {
                      Document.Builder m = old.toBuilder();
                      d.fields().forEach(m::set);
                      model.put(d.id(), m.build());
                    }
                  });
      default -> throw new IllegalStateException(c.kind());
    }
  }

  /** A full document as the collection returns it: absent nullable fields read as null. */
  static Document full(Document d) {
    Document.Builder b = d.toBuilder();
    if (!d.has("s")) {
      b.set("s", null);
    }
    return b.build();
  }
}
