package io.quiver.bench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.bench.data.AttributeTable;
import io.quiver.bench.data.SyntheticData;
import io.quiver.bench.filter.Filter;
import java.io.IOException;
import java.util.BitSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Lucene query of a filter selects exactly the rows the harness's evaluation selects. */
class LuceneFiltersTest {
  private static final AttributeTable ATTRS = SyntheticData.attributes(3000, 5);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cat < 1",
        "cat < 10",
        "cat <= 9.5",
        "cat > 990",
        "cat >= 500 AND flag = true",
        "cat = 7 OR tag = 't3'",
        "NOT cat < 900",
        "cat != 0",
        "tag IN ('t1', 't2')",
        "tag NOT IN ('t1')",
        "tag > 't7'",
        "price < 0.25 AND NOT flag = false",
        "price >= 0.5",
        "flag != true"
      })
  void queryMatchesEvaluation(String expression) throws IOException {
    Filter f = Filter.parse(expression);
    assertEquals(f.matches(ATTRS), luceneMatches(f));
  }

  @Test
  void everySelectivityOfTheGenerator() throws IOException {
    for (SyntheticData.Selectivity s : SyntheticData.SELECTIVITIES) {
      Filter f = Filter.parse(s.filter());
      assertEquals(3 * s.catBelow(), luceneMatches(f).cardinality(), s.label());
    }
  }

  private static BitSet luceneMatches(Filter f) throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
        for (int row = 0; row < ATTRS.rows(); row++) {
          Document doc = new Document();
          doc.add(new NumericDocValuesField("id", row));
          LuceneFilters.addAttributes(doc, ATTRS, row);
          w.addDocument(doc);
        }
      }
      try (DirectoryReader r = DirectoryReader.open(dir)) {
        IndexSearcher s = new IndexSearcher(r);
        Weight weight =
            s.createWeight(
                s.rewrite(LuceneFilters.toQuery(f, ATTRS)), ScoreMode.COMPLETE_NO_SCORES, 1);
        BitSet rows = new BitSet();
        for (LeafReaderContext leaf : r.leaves()) {
          Scorer scorer = weight.scorer(leaf);
          if (scorer == null) {
            continue;
          }
          NumericDocValues ids = leaf.reader().getNumericDocValues("id");
          DocIdSetIterator it = scorer.iterator();
          for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
            ids.advanceExact(d);
            rows.set((int) ids.longValue());
          }
        }
        return rows;
      }
    }
  }
}
