/**
 * Embedding functions: text in, vectors out. A vector field bound to a text field (see {@link
 * io.quiver.schema.VectorField#withEmbedding}) is filled by its function when a write carries the
 * text, and a {@link io.quiver.query.TextQuery} on it is embedded by the same function.
 *
 * <p>A function is stored in the schema by {@linkplain EmbeddingFunction#name() name} and
 * {@linkplain EmbeddingFunction#config() configuration}. When a collection opens, each binding is
 * matched to a function given in {@link io.quiver.CollectionOptions#embeddingFunctions()}, or else
 * created by the first {@link EmbeddingProvider} found with {@link java.util.ServiceLoader} that
 * knows the name. The module {@code io.quiver:quiver-embed} provides Quiver's local models
 * (all-MiniLM-L6-v2 and any ONNX model with a tokenizer) this way; {@code quiver-core} itself runs
 * no model.
 */
package io.quiver.embed;
