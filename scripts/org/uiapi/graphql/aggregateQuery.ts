/**
 * Runs one object field under `uiapi { aggregate { ... } }`.
 *
 * GraphQL API Developer Guide, "Aggregate Queries with GraphQL", "Aggregate
 * Schema" and "Group Aggregate Results":
 * `groupBy: { Field: { group: true } ... }` groups records by one or more
 * fields, and each node's `aggregate` contains the grouped fields as
 * `{ value displayValue }` and aggregated fields as
 * `{ count { value } sum { value } ... }`. The query runs as SOQL with
 * aggregate functions and GROUP BY.
 */
import type { FieldNode } from 'graphql';
import type { FieldSchema, ObjectSchema, OrgSchema } from '../../schema/types';
import { toDisplayValue, toUiValue } from '../fieldValues';
import { findField } from '../schemaLookup';
import { buildWhereClause } from './filter';
import { buildOrderBy } from './orderBy';
import { defaultPageSize, maxPageSize } from './recordQuery';
import { collectFields, errorAt, readArguments, responseKey, type RequestScope } from './selection';
import type { RunSoql, SoqlRecord } from './types';

/** GraphQL aggregate function names to SOQL aggregate functions. */
const aggregateFunctions: Record<string, string> = {
    count: 'COUNT',
    countDistinct: 'COUNT_DISTINCT',
    sum: 'SUM',
    avg: 'AVG',
    min: 'MIN',
    max: 'MAX'
};

interface AggregateColumn {
    /** The `count`, `sum`... selection whose value this column computes. */
    part: FieldNode;
    field: FieldSchema;
    functionName: string;
    alias: string;
}

/** Runs an aggregate query and returns its connection object. */
export function runAggregateQuery(
    schema: OrgSchema,
    object: ObjectSchema,
    connection: FieldNode,
    scope: RequestScope,
    runSoql: RunSoql
): Record<string, unknown> {
    const args = readArguments(connection, scope, ['where', 'orderBy', 'groupBy', 'first']);
    const groupFields = readGroupBy(connection, object, args.groupBy);
    const where = buildWhereClause(schema, object, args.where);
    const orderBy = buildOrderBy(schema, object, args.orderBy);
    const connectionFields = collectFields(connection.selectionSet, scope);
    const aggregateFields = findAggregateFields(connectionFields, scope);

    const columns: AggregateColumn[] = [];
    for (const selection of aggregateFields) {
        const field = requireField(object, selection);
        if (groupFields.includes(field)) {
            continue;
        }
        for (const part of collectFields(selection.selectionSet, scope)) {
            const functionName = aggregateFunctions[part.name.value];
            if (!functionName) {
                throw errorAt(
                    part,
                    `Field '${part.name.value}' is not an aggregate of ${object.name}.${field.name}: use ${Object.keys(aggregateFunctions).join(', ')}, or group by the field to read its value.`
                );
            }
            columns.push({ part, field, functionName, alias: `agg${columns.length}` });
        }
    }

    const selectList = [
        ...groupFields.map((field) => field.name),
        ...columns.map((column) => `${column.functionName}(${column.field.name}) ${column.alias}`)
    ];
    if (selectList.length === 0) {
        throw errorAt(connection, `The aggregate query on ${object.name} selects no fields.`);
    }
    const soql = [
        `SELECT ${selectList.join(', ')} FROM ${object.name}`,
        where ? `WHERE ${where}` : '',
        groupFields.length > 0
            ? `GROUP BY ${groupFields.map((field) => field.name).join(', ')}`
            : '',
        orderBy.length > 0 ? `ORDER BY ${orderBy.join(', ')}` : '',
        readLimit(connection, args.first)
    ]
        .filter((part) => part !== '')
        .join(' ');
    const { records } = runSoql(soql);

    const result: Record<string, unknown> = {};
    for (const field of connectionFields) {
        const key = responseKey(field);
        if (field.name.value === 'edges') {
            result[key] = records.map((record) => shapeEdge(field, scope, object, record, columns));
        } else if (field.name.value === 'totalCount') {
            result[key] = records.length;
        } else if (field.name.value === '__typename') {
            result[key] = `${object.name}AggregateConnection`;
        } else {
            throw errorAt(
                field,
                `Field '${field.name.value}' is not defined on ${object.name}AggregateConnection.`
            );
        }
    }
    return result;
}

/**
 * Aggregate results are paged like record results: 10 groups unless `first`
 * is set, and 2000 at most (GraphQL API Developer Guide, "Paginate Your
 * Results", which states the limits for every collection the API returns).
 */
function readLimit(connection: FieldNode, first: unknown): string {
    if (first === undefined || first === null) {
        return `LIMIT ${defaultPageSize}`;
    }
    if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > maxPageSize) {
        throw errorAt(
            connection,
            `Invalid argument first: ${JSON.stringify(first)}. Use an integer from 1 to ${maxPageSize}.`
        );
    }
    return `LIMIT ${first}`;
}

function readGroupBy(connection: FieldNode, object: ObjectSchema, groupBy: unknown): FieldSchema[] {
    if (groupBy === undefined || groupBy === null) {
        return [];
    }
    if (typeof groupBy !== 'object' || Array.isArray(groupBy)) {
        throw errorAt(connection, `Invalid argument groupBy: expected an input object.`);
    }
    return Object.entries(groupBy).map(([name, clause]) => {
        const field = findField(object, name);
        if (!field) {
            throw errorAt(
                connection,
                `Invalid argument groupBy: field '${name}' is not defined on ${object.name}.`
            );
        }
        if ((clause as { group?: unknown } | null)?.group !== true) {
            throw errorAt(
                connection,
                `Invalid argument groupBy for ${object.name}.${name}: only { group: true } is supported by the local org.`
            );
        }
        return field;
    });
}

function findAggregateFields(connectionFields: FieldNode[], scope: RequestScope): FieldNode[] {
    const path = ['edges', 'node', 'aggregate'];
    let level = connectionFields;
    for (const name of path) {
        level = level
            .filter((field) => field.name.value === name)
            .flatMap((field) => collectFields(field.selectionSet, scope));
    }
    return level.filter((field) => field.name.value !== '__typename');
}

function requireField(object: ObjectSchema, selection: FieldNode): FieldSchema {
    const field = findField(object, selection.name.value);
    if (!field) {
        throw errorAt(
            selection,
            `Field '${selection.name.value}' is not defined on ${object.name}_Aggregate.`
        );
    }
    return field;
}

function shapeEdge(
    edgesField: FieldNode,
    scope: RequestScope,
    object: ObjectSchema,
    record: SoqlRecord,
    columns: AggregateColumn[]
): Record<string, unknown> {
    const edge: Record<string, unknown> = {};
    for (const field of collectFields(edgesField.selectionSet, scope)) {
        if (field.name.value !== 'node') {
            throw errorAt(
                field,
                `Field '${field.name.value}' is not defined on ${object.name}AggregateEdge.`
            );
        }
        const node: Record<string, unknown> = {};
        for (const part of collectFields(field.selectionSet, scope)) {
            if (part.name.value !== 'aggregate') {
                throw errorAt(
                    part,
                    `Field '${part.name.value}' is not defined on ${object.name}AggregateResult.`
                );
            }
            node[responseKey(part)] = shapeAggregate(part, scope, object, record, columns);
        }
        edge[responseKey(field)] = node;
    }
    return edge;
}

function shapeAggregate(
    aggregateField: FieldNode,
    scope: RequestScope,
    object: ObjectSchema,
    record: SoqlRecord,
    columns: AggregateColumn[]
): Record<string, unknown> {
    const shaped: Record<string, unknown> = {};
    for (const selection of collectFields(aggregateField.selectionSet, scope)) {
        if (selection.name.value === '__typename') {
            shaped[responseKey(selection)] = `${object.name}_Aggregate`;
            continue;
        }
        const field = requireField(object, selection);
        const fieldColumns = columns.filter((column) => column.field === field);
        shaped[responseKey(selection)] =
            fieldColumns.length === 0
                ? shapeValue(selection, scope, field, readGroupedValue(record, field))
                : shapeFunctions(selection, scope, field, record, fieldColumns);
    }
    return shaped;
}

function shapeFunctions(
    selection: FieldNode,
    scope: RequestScope,
    field: FieldSchema,
    record: SoqlRecord,
    fieldColumns: AggregateColumn[]
): Record<string, unknown> {
    const shaped: Record<string, unknown> = {};
    for (const part of collectFields(selection.selectionSet, scope)) {
        const column = fieldColumns.find((candidate) => candidate.part === part);
        const value = column ? (record[column.alias] ?? null) : null;
        const isCount = part.name.value === 'count' || part.name.value === 'countDistinct';
        // Counts are plain numbers whatever the field type; other functions keep it.
        const valueField: FieldSchema = isCount ? { ...field, type: 'int' } : field;
        shaped[responseKey(part)] = shapeValue(part, scope, valueField, value);
    }
    return shaped;
}

/** Reads a grouped field from an aggregate record; SOQL keys it by the field name. */
function readGroupedValue(record: SoqlRecord, field: FieldSchema): unknown {
    if (field.name in record) {
        return record[field.name];
    }
    const key = Object.keys(record).find((name) => name.toLowerCase() === field.name.toLowerCase());
    return key === undefined ? null : record[key];
}

function shapeValue(
    selection: FieldNode,
    scope: RequestScope,
    field: FieldSchema,
    value: unknown
): Record<string, unknown> {
    const shaped: Record<string, unknown> = {};
    for (const part of collectFields(selection.selectionSet, scope)) {
        const key = responseKey(part);
        if (part.name.value === 'value') {
            shaped[key] = toUiValue(field, value);
        } else if (part.name.value === 'displayValue') {
            shaped[key] = toDisplayValue(field, value);
        } else if (part.name.value === '__typename') {
            shaped[key] = 'AggregateValue';
        } else {
            throw errorAt(
                part,
                `Field '${part.name.value}' is not defined on the value of ${field.name}.`
            );
        }
    }
    return shaped;
}
