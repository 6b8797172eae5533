/**
 * Runs one object field under `uiapi { query { ... } }`.
 *
 * GraphQL API Developer Guide, "Query Records with GraphQL": an object
 * field takes `where`, `orderBy`, `first` (10 by default, 2000 at most) and
 * `after`, and returns a connection with `edges { node cursor }`,
 * `totalCount` and `pageInfo`. Each node has `Id`, field values as
 * `{ value displayValue }` and parent records under their relationship name.
 * The query runs as SOQL through the local org's SOQL engine.
 */
import type { FieldNode } from 'graphql';
import type { ObjectSchema, OrgSchema } from '../../schema/types';
import { toDisplayValue, toUiValue } from '../fieldValues';
import { findField, findParentObject, findRelationship } from '../schemaLookup';
import { buildWhereClause } from './filter';
import { buildOrderBy } from './orderBy';
import { collectFields, errorAt, readArguments, responseKey, type RequestScope } from './selection';
import type { RunSoql, SoqlRecord } from './types';

/** Page size of record and aggregate results when `first` is not set. */
export const defaultPageSize = 10;
/** The largest `first` that record and aggregate queries accept. */
export const maxPageSize = 2000;

/** Runs a record query and returns its connection object. */
export function runRecordQuery(
    schema: OrgSchema,
    object: ObjectSchema,
    connection: FieldNode,
    scope: RequestScope,
    runSoql: RunSoql
): Record<string, unknown> {
    const args = readArguments(connection, scope, ['where', 'orderBy', 'first', 'after']);
    const pageSize = readPageSize(connection, args.first);
    const offset = decodeCursor(connection, args.after);
    const where = buildWhereClause(schema, object, args.where);
    const connectionFields = collectFields(connection.selectionSet, scope);

    const nodeFields = findNodeFields(connectionFields, scope);
    const fieldPaths = new Set<string>(['Id']);
    collectFieldPaths(schema, object, nodeFields, scope, [], fieldPaths);

    const orderBy = buildOrderBy(schema, object, args.orderBy);
    if (!orderBy.some((item) => item.startsWith('Id '))) {
        // A tiebreaker keeps pages stable when the requested order has ties.
        orderBy.push('Id ASC');
    }
    const soql = [
        `SELECT ${[...fieldPaths].join(', ')} FROM ${object.name}`,
        where ? `WHERE ${where}` : '',
        `ORDER BY ${orderBy.join(', ')}`,
        `LIMIT ${pageSize + 1}`,
        offset > 0 ? `OFFSET ${offset}` : ''
    ]
        .filter((part) => part !== '')
        .join(' ');
    const page = runSoql(soql);
    const hasNextPage = page.records.length > pageSize;
    const records = page.records.slice(0, pageSize);

    const needsTotal = connectionFields.some((field) => field.name.value === 'totalCount');
    const totalCount = needsTotal ? countRecords(object, where, runSoql) : 0;

    const context = { schema, scope, object };
    const result: Record<string, unknown> = {};
    for (const field of connectionFields) {
        const key = responseKey(field);
        switch (field.name.value) {
            case 'edges':
                result[key] = records.map((record, index) =>
                    shapeEdge(context, field, record, offset + index)
                );
                break;
            case 'totalCount':
                result[key] = totalCount;
                break;
            case 'pageInfo':
                result[key] = shapePageInfo(field, scope, {
                    hasNextPage,
                    hasPreviousPage: offset > 0,
                    startCursor: records.length > 0 ? encodeCursor(offset) : null,
                    endCursor: records.length > 0 ? encodeCursor(offset + records.length - 1) : null
                });
                break;
            case '__typename':
                result[key] = `${object.name}Connection`;
                break;
            default:
                throw errorAt(
                    field,
                    `Field '${field.name.value}' is not defined on ${object.name}Connection.`
                );
        }
    }
    return result;
}

function countRecords(object: ObjectSchema, where: string, runSoql: RunSoql): number {
    const soql = `SELECT COUNT() FROM ${object.name}${where ? ` WHERE ${where}` : ''}`;
    return runSoql(soql).totalSize;
}

function readPageSize(connection: FieldNode, first: unknown): number {
    if (first === undefined || first === null) {
        return defaultPageSize;
    }
    if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > maxPageSize) {
        throw errorAt(
            connection,
            `Invalid argument first: ${JSON.stringify(first)}. Use an integer from 1 to ${maxPageSize}.`
        );
    }
    return first;
}

/**
 * Cursors are the record's zero-based position in the result, base64-encoded.
 * NOTE: the position becomes a SOQL OFFSET, which the SOQL engine caps at
 * 2000, so paging stops with an error after the first 2,001 records.
 */
function encodeCursor(position: number): string {
    return Buffer.from(`v1:${position}`).toString('base64');
}

function decodeCursor(connection: FieldNode, after: unknown): number {
    if (after === undefined || after === null) {
        return 0;
    }
    const match =
        typeof after === 'string'
            ? /^v1:(\d+)$/.exec(Buffer.from(after, 'base64').toString())
            : null;
    if (!match?.[1]) {
        throw errorAt(
            connection,
            `Invalid argument after: ${JSON.stringify(after)} is not a cursor from this API.`
        );
    }
    return Number(match[1]) + 1;
}

function findNodeFields(connectionFields: FieldNode[], scope: RequestScope): FieldNode[] {
    const edges = connectionFields.filter((field) => field.name.value === 'edges');
    const edgeFields = edges.flatMap((edge) => collectFields(edge.selectionSet, scope));
    const nodes = edgeFields.filter((field) => field.name.value === 'node');
    return nodes.flatMap((node) => collectFields(node.selectionSet, scope));
}

/** Adds the SOQL field path of every field that a node selection reads. */
function collectFieldPaths(
    schema: OrgSchema,
    object: ObjectSchema,
    selections: FieldNode[],
    scope: RequestScope,
    prefix: string[],
    paths: Set<string>
): void {
    for (const selection of selections) {
        const name = selection.name.value;
        if (name === '__typename' || name === 'ApiName') {
            continue;
        }
        if (name === 'Id') {
            paths.add([...prefix, 'Id'].join('.'));
            continue;
        }
        const relationship = findRelationship(object, name);
        const parent = relationship && findParentObject(schema, relationship);
        if (parent) {
            const children = collectFields(selection.selectionSet, scope);
            collectFieldPaths(schema, parent, children, scope, [...prefix, name], paths);
            continue;
        }
        const field = findField(object, name);
        if (!field) {
            throw errorAt(selection, `Field '${name}' is not defined on ${object.name}.`);
        }
        if (!selection.selectionSet) {
            throw errorAt(
                selection,
                `Field '${name}' of ${object.name} needs a selection such as { value }.`
            );
        }
        paths.add([...prefix, field.name].join('.'));
    }
}

interface ShapeContext {
    schema: OrgSchema;
    scope: RequestScope;
    object: ObjectSchema;
}

function shapeEdge(
    context: ShapeContext,
    edgesField: FieldNode,
    record: SoqlRecord,
    position: number
): Record<string, unknown> {
    const edge: Record<string, unknown> = {};
    for (const field of collectFields(edgesField.selectionSet, context.scope)) {
        const key = responseKey(field);
        if (field.name.value === 'node') {
            edge[key] = shapeNode(context, context.object, field, record);
        } else if (field.name.value === 'cursor') {
            edge[key] = encodeCursor(position);
        } else if (field.name.value === '__typename') {
            edge[key] = `${context.object.name}Edge`;
        } else {
            throw errorAt(
                field,
                `Field '${field.name.value}' is not defined on ${context.object.name}Edge.`
            );
        }
    }
    return edge;
}

function shapeNode(
    context: ShapeContext,
    object: ObjectSchema,
    nodeField: FieldNode,
    record: SoqlRecord
): Record<string, unknown> {
    const node: Record<string, unknown> = {};
    for (const field of collectFields(nodeField.selectionSet, context.scope)) {
        const name = field.name.value;
        const key = responseKey(field);
        if (name === 'Id') {
            node[key] = record.Id ?? null;
        } else if (name === '__typename' || name === 'ApiName') {
            node[key] = object.name;
        } else if (findRelationship(object, name)) {
            const lookup = findRelationship(object, name);
            const parent = lookup && findParentObject(context.schema, lookup);
            const parentRecord = record[name] as SoqlRecord | null | undefined;
            node[key] =
                parent && parentRecord ? shapeNode(context, parent, field, parentRecord) : null;
        } else {
            node[key] = shapeFieldValue(context, object, field, record);
        }
    }
    return node;
}

function shapeFieldValue(
    context: ShapeContext,
    object: ObjectSchema,
    selection: FieldNode,
    record: SoqlRecord
): Record<string, unknown> {
    const field = findField(object, selection.name.value);
    if (!field) {
        throw errorAt(
            selection,
            `Field '${selection.name.value}' is not defined on ${object.name}.`
        );
    }
    const raw = record[field.name];
    const shaped: Record<string, unknown> = {};
    for (const part of collectFields(selection.selectionSet, context.scope)) {
        const key = responseKey(part);
        switch (part.name.value) {
            case 'value':
                shaped[key] = toUiValue(field, raw);
                break;
            case 'displayValue':
                shaped[key] = toDisplayValue(field, raw);
                break;
            case 'label':
                shaped[key] = field.type === 'picklist' ? toDisplayValue(field, raw) : null;
                break;
            case '__typename':
                shaped[key] = `${graphQlValueType(field.type)}Value`;
                break;
            default:
                throw errorAt(
                    part,
                    `Field '${part.name.value}' is not defined on ${object.name}.${field.name}.`
                );
        }
    }
    return shaped;
}

function shapePageInfo(
    field: FieldNode,
    scope: RequestScope,
    info: Record<string, unknown>
): Record<string, unknown> {
    const shaped: Record<string, unknown> = {};
    for (const part of collectFields(field.selectionSet, scope)) {
        const name = part.name.value;
        if (name === '__typename') {
            shaped[responseKey(part)] = 'PageInfo';
        } else if (name in info) {
            shaped[responseKey(part)] = info[name];
        } else {
            throw errorAt(part, `Field '${name}' is not defined on PageInfo.`);
        }
    }
    return shaped;
}

/** Names the GraphQL value type of a field type, as in `BooleanValue` or `StringValue`. */
function graphQlValueType(type: string): string {
    const names: Record<string, string> = {
        id: 'ID',
        string: 'String',
        textarea: 'LongTextArea',
        boolean: 'Boolean',
        double: 'Double',
        int: 'Int',
        currency: 'Currency',
        percent: 'Percent',
        date: 'Date',
        datetime: 'DateTime',
        picklist: 'Picklist',
        reference: 'ID',
        email: 'Email',
        phone: 'Phone',
        url: 'Url'
    };
    return names[type] ?? 'String';
}
