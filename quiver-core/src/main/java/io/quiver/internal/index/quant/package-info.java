/**
 * Codes: how an approximate index stores the vectors it walks over or scans (raw, fp16, 8- or 4-bit
 * scalar quantization, product quantization, RaBitQ binary codes), the scorers that compare a query
 * with them one by one ({@link io.quiver.internal.index.quant.CodeScorer}, graphs) or a block at a
 * time ({@link io.quiver.internal.index.quant.BlockScorer}, IVF lists), the random {@link
 * io.quiver.internal.index.quant.Rotation} some of them apply first, {@link
 * io.quiver.internal.index.quant.KMeans} that trains codebooks and coarse quantizers, and {@link
 * io.quiver.internal.index.quant.CodesFormat}, the parameters' on-disk form.
 */
package io.quiver.internal.index.quant;
