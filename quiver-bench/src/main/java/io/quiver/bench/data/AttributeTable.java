package io.quiver.bench.data;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scalar attributes of the base vectors, one row per vector in file order, read from or written to
 * the TSV format zvec-bench reads: a header {@code id<TAB>name:type<TAB>...} (types {@code int32,
 * int64, float, double, string, bool}), then one row per vector whose first cell is the vector's
 * id. Values are held column by column in primitive arrays so a million rows stay compact.
 */
public final class AttributeTable {

  /** The type of a column, named as in the TSV header. */
  public enum Type {
    INT32,
    INT64,
    FLOAT,
    DOUBLE,
    STRING,
    BOOL;

    /** The name used in the header. */
    public String tsvName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Type parse(String s, Path file) {
      for (Type t : values()) {
        if (t.tsvName().equals(s)) {
          return t;
        }
      }
      throw new IllegalArgumentException(
          file
              + ": column type '"
              + s
              + "' is not one of int32, int64, float, double, string, bool");
    }
  }

  /**
   * One column: a name, a type and the values, in an array matching the type ({@code int[]}, {@code
   * long[]}, {@code float[]}, {@code double[]}, {@code String[]} or {@code boolean[]}).
   *
   * @param name the column name
   * @param type the column type
   * @param values the values, one per row
   */
  public record Column(String name, Type type, Object values) {

    /** The value in row {@code row}, boxed (Integer, Long, Float, Double, String or Boolean). */
    public Object get(int row) {
      return switch (values) {
        case int[] a -> a[row];
        case long[] a -> a[row];
        case float[] a -> a[row];
        case double[] a -> a[row];
        case String[] a -> a[row];
        case boolean[] a -> a[row];
        default -> throw new IllegalStateException("column " + name + " holds " + values);
      };
    }
  }

  private final List<Column> columns;
  private final int rows;

  /** A table of these columns; every values array must have {@code rows} entries. */
  public AttributeTable(List<Column> columns, int rows) {
    this.columns = List.copyOf(columns);
    this.rows = rows;
  }

  /** The columns, in header order. */
  public List<Column> columns() {
    return columns;
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** The column with this name; fails naming the known columns. */
  public Column column(String name) {
    for (Column c : columns) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    List<String> names = columns.stream().map(Column::name).toList();
    throw new IllegalArgumentException("no attribute column '" + name + "' (have " + names + ")");
  }

  /** Reads a TSV attribute file. */
  public static AttributeTable read(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header == null) {
        throw new IllegalArgumentException(file + ": empty attribute file");
      }
      String[] head = header.split("\t", -1);
      if (head.length < 1 || !head[0].equals("id")) {
        throw new IllegalArgumentException(file + ": header must start with 'id', got " + header);
      }
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isEmpty()) {
          lines.add(line);
        }
      }
      int n = lines.size();
      List<Column> cols = new ArrayList<>();
      for (int c = 1; c < head.length; c++) {
        String[] nt = head[c].split(":", 2);
        if (nt.length != 2) {
          throw new IllegalArgumentException(
              file + ": header cell '" + head[c] + "' is not name:type");
        }
        Type t = Type.parse(nt[1], file);
        cols.add(new Column(nt[0], t, newArray(t, n)));
      }
      for (int row = 0; row < n; row++) {
        String[] cells = lines.get(row).split("\t", -1);
        if (cells.length != head.length) {
          throw new IllegalArgumentException(
              file
                  + ": row "
                  + (row + 1)
                  + " has "
                  + cells.length
                  + " cells, the header "
                  + head.length);
        }
        for (int c = 1; c < cells.length; c++) {
          set(cols.get(c - 1), row, cells[c], file);
        }
      }
      return new AttributeTable(cols, n);
    }
  }

  /** Writes the table as TSV; row ids are the row numbers. */
  public void write(Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder sb = new StringBuilder("id");
      for (Column c : columns) {
        sb.append('\t').append(c.name()).append(':').append(c.type().tsvName());
      }
      w.write(sb.append('\n').toString());
      for (int row = 0; row < rows; row++) {
        sb.setLength(0);
        sb.append(row);
        for (Column c : columns) {
          sb.append('\t').append(c.get(row));
        }
        w.write(sb.append('\n').toString());
      }
    }
  }

  private static Object newArray(Type t, int n) {
    return switch (t) {
      case INT32 -> new int[n];
      case INT64 -> new long[n];
      case FLOAT -> new float[n];
      case DOUBLE -> new double[n];
      case STRING -> new String[n];
      case BOOL -> new boolean[n];
    };
  }

  private static void set(Column c, int row, String cell, Path file) {
    try {
      switch (c.values()) {
        case int[] a -> a[row] = Integer.parseInt(cell);
        case long[] a -> a[row] = Long.parseLong(cell);
        case float[] a -> a[row] = Float.parseFloat(cell);
        case double[] a -> a[row] = Double.parseDouble(cell);
        case String[] a -> a[row] = cell;
        case boolean[] a -> a[row] = cell.equals("true");
        default -> throw new IllegalStateException();
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          file
              + ": row "
              + (row + 1)
              + ", column "
              + c.name()
              + ": '"
              + cell
              + "' is not a "
              + c.type().tsvName(),
          e);
    }
  }
}
