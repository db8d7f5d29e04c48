/**
 * Inverted indexes of scalar fields, one file per segment and indexed field: the distinct values
 * sorted, each with the rows that hold it ({@link
 * io.quiver.internal.index.scalar.ScalarIndexWriter} for the layout, {@link
 * io.quiver.internal.index.scalar.ScalarIndex} to read it in place).
 */
package io.quiver.internal.index.scalar;
