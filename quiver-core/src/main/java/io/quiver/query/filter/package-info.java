/**
 * The filter language: parsed text or trees built in code that select documents by their scalar
 * fields, for example {@code year >= 2020 AND category IN ('robe', 'coat') AND tags CONTAIN_ANY
 * ('sale')}. {@link io.quiver.query.filter.Filter} is the entry point.
 *
 * <h2>Grammar</h2>
 *
 * <pre>
 * filter     = or_expr ;
 * or_expr    = and_expr { "OR" and_expr } ;
 * and_expr   = not_expr { "AND" not_expr } ;
 * not_expr   = "NOT" not_expr | primary ;
 * primary    = "(" or_expr ")" | condition ;
 * condition  = field compare_op literal
 *            | field [ "NOT" ] "IN" list
 *            | field [ "NOT" ] "LIKE" string
 *            | field "IS" [ "NOT" ] "NULL"
 *            | field ( "CONTAIN_ANY" | "CONTAIN_ALL" ) list
 *            | "ARRAY_LENGTH" "(" field ")" compare_op integer ;
 * list       = "(" literal { "," literal } ")" ;
 * compare_op = "=" | "==" | "!=" | "&lt;&gt;" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" ;
 * literal    = string | integer | float | "TRUE" | "FALSE" ;
 * field      = name | '"' name '"' ;
 * name       = ( letter | "_" ) { letter | digit | "_" } ;    (* at most 64 characters *)
 * string     = "'" { any character but "'" | "''" } "'" ;
 * integer    = [ "-" ] digit { digit } ;                     (* signed 64-bit *)
 * float      = [ "-" ] ( digits "." [ digits ] | "." digits ) [ exponent ]
 *            | [ "-" ] digits exponent ;                     (* a finite double *)
 * exponent   = ( "e" | "E" ) [ "+" | "-" ] digits ;
 * </pre>
 *
 * <p>{@code NOT} binds tighter than {@code AND}, which binds tighter than {@code OR}. Keywords are
 * case-insensitive ({@code and}, {@code Contain_Any}); field names are case-sensitive and are the
 * schema's names, plus {@code id} for the document id (a STRING, never null). A field whose name is
 * a keyword ({@code not}, {@code in}, ...) is written in double quotes: {@code "in" = 1}. Tokens
 * are separated by any whitespace; a minus sign belongs to its number and must touch it ({@code
 * -5}). {@code ==} and {@code <>} are accepted for {@code =} and {@code !=}. Inside a string two
 * quotes stand for one ({@code 'it''s'}) and nothing else is special. In a {@code LIKE} pattern
 * {@code %} matches any run of characters, {@code _} exactly one character (code point), and a
 * backslash makes the next {@code %}, {@code _} or backslash literal ({@code '100\%'}); a backslash
 * before anything else is an error. {@code IN}, {@code CONTAIN_ANY} and {@code CONTAIN_ALL} lists
 * must not be empty.
 *
 * <h2>Types</h2>
 *
 * <table>
 *   <caption>What each field type accepts</caption>
 *   <tr><th>field</th><th>conditions</th><th>literals</th></tr>
 *   <tr><td>STRING, {@code id}</td><td>{@code = != < <= > >=}, IN, LIKE, IS NULL</td>
 *       <td>strings</td></tr>
 *   <tr><td>INT32, INT64, FLOAT, DOUBLE</td><td>{@code = != < <= > >=}, IN, IS NULL</td>
 *       <td>integers and floats</td></tr>
 *   <tr><td>BOOL</td><td>{@code = !=}, IN, IS NULL</td><td>true, false</td></tr>
 *   <tr><td>ARRAY_x</td><td>CONTAIN_ANY, CONTAIN_ALL, {@code array_length(f)}, IS NULL</td>
 *       <td>those of x</td></tr>
 *   <tr><td>vector types</td><td>none</td><td></td></tr>
 * </table>
 *
 * <p>Numbers compare by value whatever their types: an integer literal may be compared with a FLOAT
 * field and a float literal with an INT32 field, and {@code year < 2020.5} means {@code year <=
 * 2020}, while {@code year = 2020.5} matches no document. Comparisons with INT32, INT64 and DOUBLE
 * fields are exact (an integer literal beyond 2<sup>53</sup> equals no double it is not exactly).
 * For a FLOAT field the literal is first rounded to the nearest float, as Java's {@code (float)}
 * cast does, unless that would overflow: so {@code price = 0.1} matches a price stored as {@code
 * 0.1f}, as a user who wrote 0.1 both times expects. {@code -0.0} equals {@code 0.0}; a stored NaN
 * equals nothing, is in no range, and satisfies {@code !=} and {@code NOT IN}. Strings compare by
 * Unicode code point (the order of their UTF-8 bytes), case-sensitive, without collation. Anything
 * else (a string against a number, {@code <} on BOOL, a comparison of an array field) is a type
 * error.
 *
 * <h2>Nulls: three-valued logic</h2>
 *
 * <p>Every condition is true, false or unknown, and a document matches only when the whole filter
 * is true. A condition on a null field is unknown; the exceptions are {@code IS NULL} and {@code IS
 * NOT NULL}, which are always true or false. {@code NOT} of unknown is unknown; {@code AND} is
 * false when an operand is false, else unknown when one is unknown; {@code OR} is true when an
 * operand is true, else unknown when one is unknown (Kleene logic, as in SQL). Hence, for a
 * document whose {@code x} is null:
 *
 * <ul>
 *   <li>{@code x = 1}, {@code x != 1}, {@code NOT (x = 1)}, {@code x IN (1)}, {@code x NOT IN (1)},
 *       {@code NOT (x IN (1))}, {@code x LIKE '%'} and {@code NOT (x LIKE '%')} all do not match:
 *       NULL never satisfies a comparison or {@code NOT IN};
 *   <li>{@code x IS NULL} and {@code x = 1 OR x IS NULL} match;
 *   <li>{@code NOT (x = 1 AND y = 2)} matches when {@code y} is 3, because {@code y = 2} is false,
 *       which makes the {@code AND} false whatever {@code x} is.
 * </ul>
 *
 * <p>An empty array is not null: it contains nothing (so {@code CONTAIN_ANY} and {@code
 * CONTAIN_ALL} are false and their {@code NOT} is true) and its {@code array_length} is 0.
 *
 * <h2>Errors and limits</h2>
 *
 * <p>A syntax or type error throws {@link io.quiver.InvalidArgumentException} whose message starts
 * with the 1-based column, counted in code points from the start of the text (newlines are ordinary
 * characters), then says what was expected or which rule broke, for example {@code at 7: expected a
 * value after '=', got end of input} or {@code at 8: field 'year' is INT32, got string 'x'}. A tree
 * built in code names the condition instead of a column. Filters are at most {@link
 * io.quiver.schema.Limits#MAX_FILTER_LENGTH} characters long and nest at most {@link
 * io.quiver.schema.Limits#MAX_FILTER_DEPTH} levels deep.
 */
package io.quiver.query.filter;
