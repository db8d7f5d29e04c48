package io.quiver.query;

import io.quiver.Document;

/**
 * One result of a query, best first. The meaning of {@code score} depends on the field's metric
 * (see {@link io.quiver.schema.Metric}): squared distance for L2 (lower is better), inner product
 * for IP and cosine similarity for COSINE (higher is better). A fused query's score is the fusion
 * score (higher is better).
 *
 * @param id the document's id
 * @param score the score
 * @param document the requested fields of the document (vectors only when asked for)
 */
public record Hit(String id, float score, Document document) {}
