/**
 * Traversal codes: how an approximate index stores the vectors it walks over (raw, fp16, 8- or
 * 4-bit scalar quantization), and the scorers that compare a query with them. PQ and RaBitQ will
 * join here as further {@link io.quiver.internal.index.quant.TraversalCodes}.
 */
package io.quiver.internal.index.quant;
