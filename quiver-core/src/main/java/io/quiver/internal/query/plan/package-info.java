/**
 * The query planner: per source, estimate how many live rows pass the filter (scalar indexes,
 * column statistics, guesses), read the candidate rows from the indexes when they are few, and
 * choose exact scoring or a filtered graph traversal ({@link
 * io.quiver.internal.query.plan.Planner}).
 */
package io.quiver.internal.query.plan;
