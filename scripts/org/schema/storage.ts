/**
 * The SQLite storage layout of the local org. The SOQL engine compiles
 * queries against exactly these rules, so change both together.
 *
 * DDL rules:
 * - One table per object, named `ObjectSchema.table` (the API name in lower
 *   case, for example `natterbox_user_license__c`, `user`, `profile`).
 * - One column per field, named `FieldSchema.column` (the API name in lower
 *   case). The Id field is the column `id`, TEXT PRIMARY KEY, always the
 *   18-character form.
 * - Column types by describe type:
 *   - id, string, textarea, picklist, reference, email, phone, url: TEXT;
 *     every text column except `id` and reference columns is declared
 *     `COLLATE NOCASE`, because SOQL compares text case-insensitively.
 *   - boolean: INTEGER NOT NULL DEFAULT 0, holding 0 or 1.
 *   - double, currency, percent: REAL; int: INTEGER.
 *   - date: TEXT `YYYY-MM-DD`.
 *   - datetime: TEXT `YYYY-MM-DDTHH:MM:SS.000+0000` (UTC), so text order is
 *     time order.
 * - Formula fields have a nullable column (INTEGER for checkbox formulas,
 *   TEXT otherwise) that saves never write, so it holds NULL, or 0 where a
 *   data file declared it when the field was a plain checkbox. The server
 *   computes formula values after the query runs (the compiled query's
 *   `toRecord` output is completed with them). Because the column holds no
 *   value, the SOQL engine rejects a formula field in WHERE, ORDER BY,
 *   GROUP BY or an aggregate with MALFORMED_QUERY.
 * - Auto-number fields hold their display value (`NUL-000001`) as TEXT.
 * - Indexes: a UNIQUE index on each unique or external ID field marked
 *   unique (BINARY collation when the field is case-sensitive), a plain
 *   index on other external ID fields and on every reference column.
 * - `IsDeleted` exists on every table; deleted rows are removed, so it is
 *   always 0.
 * - Bookkeeping tables start with `_` and are not objects.
 */
import type { FieldSchema, ObjectSchema, OrgSchema } from './types';

function columnType(field: FieldSchema): string {
    if (field.formula !== undefined) {
        return field.type === 'boolean' ? 'INTEGER' : 'TEXT';
    }
    switch (field.type) {
        case 'boolean':
            return 'INTEGER NOT NULL DEFAULT 0';
        case 'double':
        case 'currency':
        case 'percent':
            return 'REAL';
        case 'int':
            return 'INTEGER';
        case 'id':
            return 'TEXT PRIMARY KEY';
        case 'reference':
            return 'TEXT';
        default:
            return 'TEXT COLLATE NOCASE';
    }
}

function quote(identifier: string): string {
    return `"${identifier.replace(/"/g, '""')}"`;
}

/** Builds the CREATE TABLE and CREATE INDEX statements for one object. */
export function objectDdl(object: ObjectSchema): string[] {
    const columns = object.fields.map((field) => `${quote(field.column)} ${columnType(field)}`);
    const statements = [
        `CREATE TABLE IF NOT EXISTS ${quote(object.table)} (${columns.join(', ')})`
    ];
    for (const field of object.fields) {
        const index = quote(`${object.table}__${field.column}__idx`);
        const table = quote(object.table);
        const column = quote(field.column);
        if (field.unique) {
            const collation = field.caseSensitive ? ' COLLATE BINARY' : '';
            statements.push(
                `CREATE UNIQUE INDEX IF NOT EXISTS ${index} ON ${table} (${column}${collation})`
            );
        } else if (field.externalId || field.type === 'reference') {
            statements.push(`CREATE INDEX IF NOT EXISTS ${index} ON ${table} (${column})`);
        }
    }
    return statements;
}

/**
 * Builds ALTER TABLE statements for fields that an existing table lacks,
 * so a data file written with older metadata still opens. Columns of
 * removed fields are left in place.
 */
export function addedColumnsDdl(object: ObjectSchema, existingColumns: Set<string>): string[] {
    return object.fields
        .filter((field) => !existingColumns.has(field.column) && field.type !== 'id')
        .map(
            (field) =>
                `ALTER TABLE ${quote(object.table)} ADD COLUMN ${quote(field.column)} ${columnType(field)}`
        );
}

/** Builds the DDL for every object plus the bookkeeping tables. */
export function schemaDdl(schema: OrgSchema): string[] {
    return [
        'CREATE TABLE IF NOT EXISTS "_sequence" ("name" TEXT PRIMARY KEY, "next" INTEGER NOT NULL)',
        ...schema.objects.flatMap(objectDdl)
    ];
}

/** Quotes an SQLite identifier. */
export { quote as quoteIdentifier };
