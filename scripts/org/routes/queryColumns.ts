/**
 * `GET /query?q=...&columns=true`: the columns a query selects, without
 * running it. The sf CLI's `data query` reads this to lay out its output.
 * Salesforce documents the parameter only by its use in tools, so the
 * shape follows what the sf CLI 2.150 reads: `columnMetadata` entries with
 * `columnName`, `displayName`, `aggregate` and nested `joinColumns`.
 */
import { parseQuery, type FieldType as ParsedField } from '@jetstreamapp/soql-parser-js';
import { ApiError } from '../errors';
import type { OrgRuntime, RestReply } from '../http/types';
import { findObject } from '../schema/build';
import type { ObjectSchema } from '../schema/types';

interface Column {
    aggregate: boolean;
    apexType: string | null;
    booleanType: boolean;
    columnName: string;
    custom: boolean;
    displayName: string;
    foreignKeyName: string | null;
    insertable: boolean;
    joinColumns: Column[];
    numberType: boolean;
    textType: boolean;
    updatable: boolean;
}

function column(
    name: string,
    object: ObjectSchema | undefined,
    joinColumns: Column[] = [],
    aggregate = false
): Column {
    const field = object?.fields.find(
        (candidate) => candidate.name.toLowerCase() === name.toLowerCase()
    );
    const type = field?.type;
    return {
        aggregate,
        apexType:
            type === undefined
                ? null
                : type === 'boolean'
                  ? 'Boolean'
                  : type === 'double'
                    ? 'Double'
                    : type === 'datetime'
                      ? 'Datetime'
                      : type === 'date'
                        ? 'Date'
                        : type === 'id' || type === 'reference'
                          ? 'Id'
                          : 'String',
        booleanType: type === 'boolean',
        columnName: field?.name ?? name,
        custom: (field?.name ?? name).endsWith('__c'),
        displayName: field?.name ?? name,
        foreignKeyName: null,
        insertable: field?.createable ?? false,
        joinColumns,
        numberType:
            type === 'double' || type === 'int' || type === 'currency' || type === 'percent',
        textType:
            type === undefined
                ? false
                : !['boolean', 'double', 'int', 'currency', 'percent', 'date', 'datetime'].includes(
                      type
                  ),
        updatable: field?.updateable ?? false
    };
}

function relationshipColumn(
    org: OrgRuntime,
    object: ObjectSchema | undefined,
    path: string[]
): Column {
    const [head = '', ...rest] = path;
    if (rest.length === 0) {
        return column(head, object);
    }
    const lookup = object?.fields.find(
        (field) => field.relationshipName?.toLowerCase() === head.toLowerCase()
    );
    const target = lookup?.referenceTo?.[0]
        ? findObject(org.store.schema, lookup.referenceTo[0])
        : undefined;
    const name = lookup?.relationshipName ?? head;
    return {
        ...column(name, undefined, [relationshipColumn(org, target, rest)]),
        columnName: name,
        displayName: name
    };
}

function columnFor(
    org: OrgRuntime,
    object: ObjectSchema | undefined,
    parsed: ParsedField,
    index: number
): Column {
    switch (parsed.type) {
        case 'Field':
            return column(parsed.field, object);
        case 'FieldRelationship':
            return relationshipColumn(org, object, [...parsed.relationships, parsed.field]);
        case 'FieldFunctionExpression': {
            const name = parsed.alias ?? `expr${index}`;
            return {
                ...column(name, undefined, [], parsed.isAggregateFn === true),
                displayName: name
            };
        }
        default:
            throw new ApiError(
                400,
                'MALFORMED_QUERY',
                'The local org lists columns only for plain fields, relationship fields and functions.'
            );
    }
}

/** Builds the column listing of a query that has already compiled. */
export function queryColumns(org: OrgRuntime, soql: string): RestReply {
    const query = parseQuery(soql);
    const object = findObject(org.store.schema, query.sObject ?? '');
    let functionIndex = 0;
    const columns = (query.fields ?? []).map((parsed) => {
        const index = parsed.type === 'FieldFunctionExpression' ? functionIndex++ : 0;
        return columnFor(org, object, parsed, index);
    });
    return {
        status: 200,
        body: {
            columnMetadata: columns,
            entityName: object?.name ?? query.sObject,
            groupBy: query.groupBy !== undefined,
            idSelected: columns.some((entry) => entry.columnName === 'Id'),
            keyPrefix: object?.keyPrefix ?? null
        }
    };
}
