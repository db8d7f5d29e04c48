package io.quiver.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.bench.filter.Filter;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDataTest {
  @TempDir Path dir;

  @Test
  void catSelectivitiesAreExact() {
    int n = 20_000;
    AttributeTable attrs = SyntheticData.attributes(n, 11);
    for (SyntheticData.Selectivity s : SyntheticData.SELECTIVITIES) {
      int expected = n / 1000 * s.catBelow();
      assertEquals(expected, Filter.parse(s.filter()).matches(attrs).cardinality(), s.label());
    }
    for (int t = 0; t < 10; t++) {
      assertEquals(n / 10, Filter.parse("tag = 't" + t + "'").matches(attrs).cardinality());
    }
    assertEquals(n / 2, Filter.parse("flag = true").matches(attrs).cardinality());
  }

  @Test
  void seededAndReproducible() {
    float[][] c = SyntheticData.centres(4, 6, 3);
    assertArrayEquals(
        SyntheticData.vectors(c, 10, 0.5f, 5)[7], SyntheticData.vectors(c, 10, 0.5f, 5)[7], 0f);
    AttributeTable a = SyntheticData.attributes(100, 9);
    AttributeTable b = SyntheticData.attributes(100, 9);
    for (int row = 0; row < 100; row++) {
      assertEquals(a.column("cat").get(row), b.column("cat").get(row));
    }
  }

  @Test
  void attributesRoundTripThroughTsv() throws IOException {
    AttributeTable a = SyntheticData.attributes(1000, 2);
    Path p = dir.resolve("attrs.tsv");
    a.write(p);
    AttributeTable b = AttributeTable.read(p);
    assertEquals(a.rows(), b.rows());
    assertEquals(a.columns().size(), b.columns().size());
    for (int c = 0; c < a.columns().size(); c++) {
      assertEquals(a.columns().get(c).type(), b.columns().get(c).type());
      for (int row = 0; row < a.rows(); row++) {
        assertEquals(a.columns().get(c).get(row), b.columns().get(c).get(row));
      }
    }
  }
}
