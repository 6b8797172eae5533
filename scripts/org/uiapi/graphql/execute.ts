/**
 * Executes a GraphQL API request against the local org.
 *
 * GraphQL API Developer Guide, "Query Records with GraphQL" and "Aggregate
 * Queries with GraphQL": a request posts `{ query, variables, operationName }`; the
 * `uiapi` field contains `query` (records) and `aggregate`, each with one
 * field per object. Failures come back with status 200 as an `errors`
 * array beside `data`, as GraphQL servers do.
 */
import {
    GraphQLError,
    valueFromASTUntyped,
    Kind,
    parse,
    print,
    visit,
    type DocumentNode,
    type FieldNode,
    type OperationDefinitionNode
} from 'graphql';
import type { OrgSchema } from '../../schema/types';
import { GraphQlRequestError } from '../errors';
import { findObject } from '../schemaLookup';
import { runAggregateQuery } from './aggregateQuery';
import { runRecordQuery } from './recordQuery';
import { collectFields, errorAt, responseKey, type RequestScope } from './selection';
import type { RunSoql } from './types';

/** Body of `POST /services/data/vXX.X/graphql`. */
export interface GraphQlRequestBody {
    query?: unknown;
    variables?: unknown;
    operationName?: unknown;
}

/** One entry of the response's `errors` array. */
export interface GraphQlErrorEntry {
    message: string;
    locations: { line: number; column: number }[];
    extensions: { classification: string };
}

/** Response body of the GraphQL resource. */
export interface GraphQlResponse {
    data: Record<string, unknown> | null;
    errors: GraphQlErrorEntry[];
}

/** Runs a GraphQL request and returns `{ data, errors }`; request errors become entries of `errors`. */
export function executeGraphQl(
    body: GraphQlRequestBody,
    schema: OrgSchema,
    runSoql: RunSoql
): GraphQlResponse {
    try {
        const data = executeOperation(body, schema, runSoql);
        return { data, errors: [] };
    } catch (error) {
        if (error instanceof GraphQlRequestError) {
            return {
                data: null,
                errors: [
                    {
                        message: error.message,
                        locations: error.locations,
                        extensions: { classification: error.classification }
                    }
                ]
            };
        }
        throw error;
    }
}

function executeOperation(
    body: GraphQlRequestBody,
    schema: OrgSchema,
    runSoql: RunSoql
): Record<string, unknown> {
    if (typeof body.query !== 'string' || body.query.trim() === '') {
        throw new GraphQlRequestError(
            'The request body has no query: send { "query": "..." }.',
            'InvalidSyntax'
        );
    }
    const document = parseQuery(body.query);
    const operation = selectOperation(document, body.operationName);
    if (operation.operation !== 'query') {
        throw errorAt(
            operation,
            `Operation type '${operation.operation}' is not supported by the local org: only queries run here.`
        );
    }
    checkVariablesDeclared(document, operation);
    const scope: RequestScope = {
        fragments: new Map(
            document.definitions
                .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
                .map((fragment) => [fragment.name.value, fragment])
        ),
        variables: readVariables(operation, body.variables)
    };

    const data: Record<string, unknown> = {};
    for (const field of collectFields(operation.selectionSet, scope)) {
        if (field.name.value !== 'uiapi') {
            throw errorAt(field, `Field '${field.name.value}' is not defined on Query: use uiapi.`);
        }
        data[responseKey(field)] = executeUiApi(field, scope, schema, runSoql);
    }
    return data;
}

function parseQuery(query: string): DocumentNode {
    try {
        return parse(query);
    } catch (error) {
        if (error instanceof GraphQLError) {
            const locations = error.locations ? [...error.locations] : [];
            throw new GraphQlRequestError(
                `Invalid query syntax: ${error.message}`,
                'InvalidSyntax',
                locations
            );
        }
        // The graphql package parses recursively, so a query nested a few
        // thousand levels deep overflows the stack.
        if (error instanceof RangeError) {
            throw new GraphQlRequestError(
                'Invalid query syntax: the query is nested too deeply to parse. Flatten nested and, or and not filters.',
                'InvalidSyntax'
            );
        }
        throw error;
    }
}

function selectOperation(document: DocumentNode, operationName: unknown): OperationDefinitionNode {
    const operations = document.definitions.filter(
        (definition) => definition.kind === Kind.OPERATION_DEFINITION
    );
    if (typeof operationName === 'string' && operationName !== '') {
        const named = operations.find((operation) => operation.name?.value === operationName);
        if (!named) {
            throw new GraphQlRequestError(
                `Unknown operation named '${operationName}'.`,
                'ValidationError'
            );
        }
        return named;
    }
    const [only, ...others] = operations;
    if (!only || others.length > 0) {
        throw new GraphQlRequestError(
            `Expected one operation in the document, found ${operations.length}: send exactly one, or name one in operationName.`,
            'ValidationError'
        );
    }
    return only;
}

/** Reads the request's variables, with the defaults the operation declares for missing ones. */
function readVariables(
    operation: OperationDefinitionNode,
    variables: unknown
): Record<string, unknown> {
    if (variables !== undefined && variables !== null) {
        if (typeof variables !== 'object' || Array.isArray(variables)) {
            throw new GraphQlRequestError(
                'Invalid variables: expected a JSON object.',
                'ValidationError'
            );
        }
    }
    const values: Record<string, unknown> = { ...(variables as Record<string, unknown> | null) };
    for (const definition of operation.variableDefinitions ?? []) {
        const name = definition.variable.name.value;
        if (values[name] === undefined && definition.defaultValue) {
            values[name] = valueFromASTUntyped(definition.defaultValue, {});
        }
        if (values[name] === undefined && definition.type.kind === Kind.NON_NULL_TYPE) {
            throw errorAt(
                definition,
                `Variable '$${name}' of required type '${print(definition.type)}' was not provided.`
            );
        }
    }
    return values;
}

/**
 * Rejects a variable that the operation uses but does not declare, as the
 * GraphQL specification's validation does. Without the check, a value sent
 * in `variables` would still reach the filter.
 */
function checkVariablesDeclared(document: DocumentNode, operation: OperationDefinitionNode): void {
    const declared = new Set(
        (operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value)
    );
    const fragments = document.definitions.filter(
        (definition) => definition.kind === Kind.FRAGMENT_DEFINITION
    );
    for (const node of [operation, ...fragments]) {
        visit(node, {
            VariableDefinition: () => false,
            Variable(variable) {
                if (!declared.has(variable.name.value)) {
                    throw errorAt(
                        variable,
                        `Variable '$${variable.name.value}' is not defined by operation '${operation.name?.value ?? '(anonymous)'}'.`
                    );
                }
            }
        });
    }
}

function executeUiApi(
    uiapi: FieldNode,
    scope: RequestScope,
    schema: OrgSchema,
    runSoql: RunSoql
): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const group of collectFields(uiapi.selectionSet, scope)) {
        const kind = group.name.value;
        if (kind !== 'query' && kind !== 'aggregate') {
            throw errorAt(
                group,
                `Field '${kind}' is not defined on UIAPI: use query or aggregate.`
            );
        }
        const objects: Record<string, unknown> = {};
        for (const connection of collectFields(group.selectionSet, scope)) {
            const object = findObject(schema, connection.name.value);
            if (!object) {
                throw errorAt(
                    connection,
                    `Object '${connection.name.value}' is not defined on ${kind === 'query' ? 'RecordQuery' : 'RecordQueryAggregate'}: check the object's API name and its case.`
                );
            }
            const run = kind === 'query' ? runRecordQuery : runAggregateQuery;
            objects[responseKey(connection)] = run(schema, object, connection, scope, runSoql);
        }
        result[responseKey(group)] = objects;
    }
    return result;
}
