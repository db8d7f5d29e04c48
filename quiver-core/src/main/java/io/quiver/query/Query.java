package io.quiver.query;

import io.quiver.InvalidArgumentException;
import io.quiver.schema.Limits;
import java.util.ArrayList;
import java.util.List;

/**
 * A search request. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * Query q = Query.builder()
 *     .vector("embedding", queryVector)      // or .text("embedding", "whales at sea")
 *     .topK(10)
 *     .filter("year > 1850")
 *     .outputFields("title", "year")
 *     .build();
 * }</pre>
 *
 * @param subQueries what to retrieve; one for a plain search
 * @param topK how many hits to return, 1..{@link Limits#MAX_TOP_K}
 * @param filter a filter expression over scalar fields, or null for none
 * @param outputFields the scalar fields returned in each hit's document; null returns all scalar
 *     fields, an empty list none
 * @param includeVectors whether hits carry the vector fields too
 * @param params index knobs (ef, nprobe, refine, exact)
 */
public record Query(
    List<SubQuery> subQueries,
    int topK,
    String filter,
    List<String> outputFields,
    boolean includeVectors,
    SearchParams params) {

  /** Checks the request's shape; field names and vectors are checked against the schema later. */
  public Query {
    if (subQueries == null || subQueries.isEmpty()) {
      throw new InvalidArgumentException("query needs at least one sub-query");
    }
    subQueries = List.copyOf(subQueries);
    if (topK < 1 || topK > Limits.MAX_TOP_K) {
      throw new InvalidArgumentException("topK " + topK + " is outside 1.." + Limits.MAX_TOP_K);
    }
    outputFields = outputFields == null ? null : List.copyOf(outputFields);
    params = params == null ? SearchParams.DEFAULT : params;
  }

  /** Nearest {@code topK} neighbours of {@code vector} in {@code field}, all scalar fields. */
  public static Query of(String field, float[] vector, int topK) {
    return builder().vector(field, vector).topK(topK).build();
  }

  /** Nearest {@code topK} neighbours of {@code text}, embedded by {@code field}'s function. */
  public static Query of(String field, String text, int topK) {
    return builder().text(field, text).topK(topK).build();
  }

  /** This query with other sub-queries, everything else the same. */
  public Query withSubQueries(List<SubQuery> newSubQueries) {
    return new Query(newSubQueries, topK, filter, outputFields, includeVectors, params);
  }

  /** A new builder (topK 10, no filter, all scalar fields, no vectors). */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Query}. */
  public static final class Builder {
    private final List<SubQuery> subQueries = new ArrayList<>();
    private int topK = 10;
    private String filter;
    private List<String> outputFields;
    private boolean includeVectors;
    private SearchParams params = SearchParams.DEFAULT;

    private Builder() {}

    /** Adds a dense vector sub-query. */
    public Builder vector(String field, float[] vector) {
      subQueries.add(new VectorQuery(field, vector));
      return this;
    }

    /**
     * Adds a text sub-query: {@code text} is embedded by the embedding function of the vector field
     * {@code field} (or of the one vector field embedded from the STRING field {@code field}).
     */
    public Builder text(String field, String text) {
      subQueries.add(new TextQuery(field, text));
      return this;
    }

    /** Adds a sub-query. */
    public Builder add(SubQuery subQuery) {
      subQueries.add(subQuery);
      return this;
    }

    /** How many hits to return. */
    public Builder topK(int value) {
      this.topK = value;
      return this;
    }

    /** A filter expression, for example {@code "year >= 2020 AND category = 'robe'"}. */
    public Builder filter(String expression) {
      this.filter = expression;
      return this;
    }

    /** The scalar fields to return with each hit. */
    public Builder outputFields(String... fields) {
      this.outputFields = List.of(fields);
      return this;
    }

    /** The scalar fields to return with each hit; null for all. */
    public Builder outputFields(List<String> fields) {
      this.outputFields = fields;
      return this;
    }

    /** Whether hits carry the vector fields. */
    public Builder includeVectors(boolean value) {
      this.includeVectors = value;
      return this;
    }

    /** Index knobs. */
    public Builder params(SearchParams value) {
      this.params = value;
      return this;
    }

    /** Shortcut for {@code params(params.withEf(ef))}. */
    public Builder ef(int ef) {
      this.params = params.withEf(ef);
      return this;
    }

    /** Score every row exactly, ignoring the indexes. */
    public Builder exact() {
      this.params = new SearchParams(params.ef(), params.nprobe(), params.refineFactor(), true);
      return this;
    }

    /** The query. */
    public Query build() {
      return new Query(subQueries, topK, filter, outputFields, includeVectors, params);
    }
  }
}
