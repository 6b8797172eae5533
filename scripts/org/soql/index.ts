/**
 * The SOQL engine of the local org. It compiles a SOQL query into one
 * SQLite statement over the storage layer's tables (one table per object,
 * one lower-case column per field). It also returns a function that turns
 * result rows into REST API records. Every value from the query is a bound
 * parameter, and every identifier comes from the schema.
 */
import {
    parseQuery,
    type FieldType as ParsedField,
    type Query
} from '@jetstreamapp/soql-parser-js';
import type { OrgSchema } from '../schema/types';
import { AggregateShape, fieldPath } from './aggregate';
import { malformedQuery, SoqlError, unknownObject, unsupportedFeature } from './errors';
import type { SqlValue } from './filterValues';
import { compileOrderBy } from './orderBy';
import { RecordShape, type FormulaResolver } from './records';
import { findObjectByName, quoteIdentifier, QueryScope } from './scope';
import { compileWhere, type SqlFragment } from './where';

export { SoqlError } from './errors';
export type { SoqlErrorCode } from './errors';
export type { FormulaResolver } from './records';
export type { SqlValue } from './filterValues';

/** API version used in `attributes.url` when the caller gives none. */
export const DEFAULT_API_VERSION = '64.0';

/** Name of the single column that a `SELECT COUNT()` statement returns. */
export const TOTAL_SIZE_COLUMN = 'totalSize';

/** Options of {@link compileQuery}. */
export interface CompileOptions {
    /** API version in `attributes.url`, {@link DEFAULT_API_VERSION} by default. */
    apiVersion?: string;
    /** The instant that TODAY, LAST_N_DAYS:n and other date literals refer to, the clock by default. */
    now?: Date;
    /** Computes formula fields in the SELECT list. Without it they read their storage column. */
    resolveFormula?: FormulaResolver;
    /**
     * Largest OFFSET accepted, {@link MAX_OFFSET} by default as in SOQL.
     * Callers that compile their own paging into OFFSET, such as GraphQL
     * cursors, may pass a larger one.
     */
    maxOffset?: number;
}

/** A compiled query: run `sql` with `params`, then map each row through `toRecord`. */
export interface CompiledQuery {
    /** API name of the queried object, as the schema spells it. */
    objectName: string;
    sql: string;
    params: SqlValue[];
    /**
     * True for `SELECT COUNT() FROM ...`: the statement returns one row whose
     * {@link TOTAL_SIZE_COLUMN} column is the query's totalSize, and no records.
     */
    countOnly: boolean;
    /** Converts one SQL row into a REST API record. */
    toRecord(row: Record<string, unknown>): Record<string, unknown>;
    /**
     * Builds the statement for one page of the result: `count` rows from
     * position `offset`, inside the query's own LIMIT and OFFSET. The order
     * is total (ties on the ORDER BY end in Id order), so pages read one
     * after another never lose or repeat a row while the data stays the same.
     */
    page(offset: number, count: number): SqlFragment;
}

/**
 * Compiles a SOQL query against the schema. Raises SoqlError with
 * MALFORMED_QUERY for invalid or unsupported SOQL, INVALID_TYPE for an
 * unknown object and INVALID_FIELD for an unknown or misused field.
 */
export function compileQuery(
    soql: string,
    schema: OrgSchema,
    options: CompileOptions = {}
): CompiledQuery {
    const query = parseSoql(soql);
    rejectUnsupportedClauses(query);

    const objectName = query.sObject ?? '';
    const object = findObjectByName(schema, objectName);
    if (!object) {
        throw unknownObject(objectName);
    }
    const scope = new QueryScope(schema, object, query.sObjectAlias);
    const now = options.now ?? new Date();
    const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;

    if (isCountOnly(query.fields ?? [])) {
        return compileCount(query, scope, now, options.maxOffset);
    }

    const select = compileSelect(query, scope, { ...options, apiVersion });
    const where = query.where ? compileWhere(query.where, scope, now) : undefined;
    const orderBy = [
        ...compileOrderBy(asArray(query.orderBy), scope, select.aggregate),
        ...tieBreakers(scope, select)
    ];
    const paging = pagingSql(query, options.maxOffset);

    const unpaged = [
        `SELECT ${select.columns.join(', ')}`,
        fromSql(scope),
        where ? ` WHERE ${where.sql}` : '',
        select.groupBy.length > 0 ? ` GROUP BY ${select.groupBy.join(', ')}` : '',
        orderBy.length > 0 ? ` ORDER BY ${orderBy.join(', ')}` : ''
    ].join('');
    const whereParams = where?.params ?? [];
    return {
        objectName: object.name,
        sql: unpaged + paging.sql,
        params: [...whereParams, ...paging.params],
        countOnly: false,
        toRecord: select.toRecord,
        page: (offset, count) => {
            const window = pageWindow(query, offset, count);
            return {
                sql: `${unpaged} LIMIT ? OFFSET ?`,
                params: [...whereParams, window.limit, window.offset]
            };
        }
    };
}

/**
 * Orders rows that the query's ORDER BY leaves tied: by Id for record
 * queries and by the grouped columns for aggregate queries. SQL leaves the
 * order of ties to the plan, which can change between two pages.
 */
function tieBreakers(scope: QueryScope, select: CompiledSelect): string[] {
    if (select.aggregate) {
        return select.groupBy.map((column) => `${column} ASC`);
    }
    return [`${quoteIdentifier(scope.baseAlias)}."id" ASC`];
}

/** Maps a page (`count` rows from `offset`) onto the query's own LIMIT and OFFSET. */
function pageWindow(
    query: Query,
    offset: number,
    count: number
): { limit: number; offset: number } {
    const limit = query.limit === undefined ? count : Math.min(count, query.limit - offset);
    return { limit: Math.max(0, limit), offset: (query.offset ?? 0) + offset };
}

/** The compiled SELECT list of a record or aggregate query. */
interface CompiledSelect {
    columns: string[];
    groupBy: string[];
    toRecord: CompiledQuery['toRecord'];
    /** Set for aggregate queries, whose ORDER BY may name aggregate functions. */
    aggregate?: AggregateShape;
}

function compileSelect(
    query: Query,
    scope: QueryScope,
    options: CompileOptions & { apiVersion: string }
): CompiledSelect {
    const fields = query.fields ?? [];
    const isAggregate = query.groupBy !== undefined || fields.some(isAggregateField);
    if (isAggregate) {
        const aggregate = new AggregateShape(scope);
        aggregate.addGroupBy(groupByPaths(query));
        aggregate.addSelected(fields);
        return {
            columns: aggregate.selectSql(),
            groupBy: aggregate.groupBySql(),
            toRecord: (row) => aggregate.toRecord(row),
            aggregate
        };
    }

    const shape = new RecordShape(scope.base, scope.baseAlias, {
        apiVersion: options.apiVersion,
        resolveFormula: options.resolveFormula
    });
    for (const parsed of fields) {
        addRecordField(shape, scope, parsed);
    }
    return { columns: shape.selectSql(), groupBy: [], toRecord: (row) => shape.toRecord(row) };
}

function parseSoql(soql: string): Query {
    try {
        return parseQuery(soql);
    } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw malformedQuery(`The query is not valid SOQL: ${detail}`);
    }
}

/** Rejects the clauses this engine does not implement, naming each one. */
function rejectUnsupportedClauses(query: Query): void {
    if (query.withSecurityEnforced || query.withAccessLevel || query.withDataCategory) {
        throw unsupportedFeature('WITH clauses (SECURITY_ENFORCED, USER_MODE, DATA CATEGORY)');
    }
    if (query.for) {
        throw unsupportedFeature(`FOR ${query.for}`);
    }
    if (query.update) {
        throw unsupportedFeature(`UPDATE ${query.update}`);
    }
    if (query.usingScope) {
        throw unsupportedFeature('USING SCOPE');
    }
    if (query.having) {
        throw unsupportedFeature('HAVING');
    }
    for (const item of asArray(query.groupBy)) {
        if ('fn' in item) {
            throw unsupportedFeature('GROUP BY ROLLUP and GROUP BY CUBE');
        }
    }
}

function addRecordField(shape: RecordShape, scope: QueryScope, parsed: ParsedField): void {
    switch (parsed.type) {
        case 'Field':
        case 'FieldRelationship':
            if ('alias' in parsed && parsed.alias) {
                throw malformedQuery(
                    `Only aggregate queries may alias fields. Remove the alias '${parsed.alias}'.`
                );
            }
            shape.add(scope.resolve(fieldPath(parsed), 'select'));
            return;
        case 'FieldSubquery':
            throw unsupportedFeature('child relationship subqueries in the SELECT list');
        case 'FieldTypeof':
            throw unsupportedFeature('TYPEOF');
        case 'FieldFunctionExpression':
            throw unsupportedFeature(
                `the function ${parsed.functionName}() in the SELECT list of a record query`
            );
    }
}

function isAggregateField(parsed: ParsedField): boolean {
    return parsed.type === 'FieldFunctionExpression' && parsed.isAggregateFn === true;
}

function isCountOnly(fields: ParsedField[]): boolean {
    const countAll = fields.findIndex(
        (parsed) =>
            parsed.type === 'FieldFunctionExpression' &&
            parsed.functionName.toUpperCase() === 'COUNT' &&
            parsed.parameters.length === 0
    );
    if (countAll === -1) {
        return false;
    }
    if (fields.length > 1) {
        throw malformedQuery('COUNT() must be the only item in the SELECT list.');
    }
    return true;
}

/** Compiles `SELECT COUNT() FROM ...` (SOQL and SOSL Reference: "COUNT() and COUNT(fieldName)"). */
function compileCount(
    query: Query,
    scope: QueryScope,
    now: Date,
    maxOffset = MAX_OFFSET
): CompiledQuery {
    if (query.groupBy || query.orderBy) {
        throw malformedQuery('COUNT() cannot be combined with GROUP BY or ORDER BY.');
    }
    const where = query.where ? compileWhere(query.where, scope, now) : undefined;
    const paging = pagingSql(query, maxOffset);
    const inner = `SELECT 1${fromSql(scope)}${where ? ` WHERE ${where.sql}` : ''}${paging.sql}`;
    return {
        objectName: scope.base.name,
        sql: `SELECT COUNT(*) AS "${TOTAL_SIZE_COLUMN}" FROM (${inner})`,
        params: [...(where?.params ?? []), ...paging.params],
        countOnly: true,
        toRecord: () => {
            throw new Error(
                'A COUNT() query returns no records: read totalSize from its single row instead.'
            );
        },
        page: () => {
            throw new Error('A COUNT() query has no pages: read totalSize from its single row.');
        }
    };
}

function fromSql(scope: QueryScope): string {
    const table = quoteIdentifier(scope.base.table);
    return ` FROM ${table} AS ${quoteIdentifier(scope.baseAlias)}${scope.joinSql()}`;
}

function groupByPaths(query: Query): string[][] {
    return asArray(query.groupBy).flatMap((item) =>
        'field' in item ? [item.field.split('.')] : []
    );
}

/**
 * The largest OFFSET SOQL accepts (SOQL and SOSL Reference: "OFFSET"): a
 * larger one is NUMBER_OUTSIDE_VALID_RANGE.
 */
export const MAX_OFFSET = 2000;

/** Checks LIMIT and OFFSET, which the parser returns as numbers of any size. */
function checkPaging(query: Query, maxOffset: number): void {
    if (query.limit !== undefined && !Number.isSafeInteger(query.limit)) {
        throw malformedQuery(
            `LIMIT ${String(query.limit)} is not a valid row count; use an integer up to ${Number.MAX_SAFE_INTEGER}.`
        );
    }
    if (
        query.offset !== undefined &&
        !(Number.isSafeInteger(query.offset) && query.offset <= maxOffset)
    ) {
        throw new SoqlError(
            'NUMBER_OUTSIDE_VALID_RANGE',
            `OFFSET ${String(query.offset)} is outside the valid range: the maximum OFFSET is ${maxOffset}. Page through larger results with nextRecordsUrl instead.`
        );
    }
}

/** Compiles LIMIT and OFFSET to bound parameters. SQLite needs a LIMIT before OFFSET, where -1 means none. */
function pagingSql(query: Query, maxOffset = MAX_OFFSET): SqlFragment {
    checkPaging(query, maxOffset);
    if (query.limit === undefined && query.offset === undefined) {
        return { sql: '', params: [] };
    }
    const params: SqlValue[] = [query.limit ?? -1];
    let sql = ' LIMIT ?';
    if (query.offset !== undefined) {
        sql += ' OFFSET ?';
        params.push(query.offset);
    }
    return { sql, params };
}

function asArray<T>(value: T | T[] | undefined): T[] {
    if (value === undefined) {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}
