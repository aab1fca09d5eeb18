/**
 * A mart row with some columns known to be present. The generated types are nullable unless the YAML
 * tests a column not_null; a reader that relies on a column the model always fills says so with this
 * (and the query with Kysely's `$narrowType`), until the YAML carries the test.
 */
export type Present<Row, K extends keyof Row> = Omit<Row, K> & { [P in K]: NonNullable<Row[P]> };
