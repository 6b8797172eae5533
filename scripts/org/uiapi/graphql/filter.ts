/**
 * Translates a GraphQL `where` argument into a SOQL condition.
 *
 * GraphQL API Developer Guide, "Field Operators" and "Boolean Operators": a filter
 * object maps field names to operator objects (`{ Name: { eq: "x" } }`),
 * combines filters with `and`, `or` and `not`, and reaches parent fields
 * through the relationship name (`{ User__r: { IsActive: { eq: true } } }`).
 */
import type { ObjectSchema, OrgSchema } from '../../schema/types';
import { GraphQlRequestError } from '../errors';
import { findField, findParentObject, findRelationship } from '../schemaLookup';
import { toSoqlLiteral } from './soqlLiteral';

const comparisonOperators: Record<string, string> = {
    eq: '=',
    ne: '!=',
    lt: '<',
    lte: '<=',
    gt: '>',
    gte: '>=',
    like: 'LIKE'
};

const listOperators: Record<string, string> = { in: 'IN', nin: 'NOT IN' };

/** Returns the SOQL condition for a `where` value, or an empty string for no filter. */
export function buildWhereClause(schema: OrgSchema, object: ObjectSchema, where: unknown): string {
    if (where === undefined || where === null) {
        return '';
    }
    return buildFilter(schema, object, where, []);
}

function buildFilter(
    schema: OrgSchema,
    object: ObjectSchema,
    filter: unknown,
    path: string[]
): string {
    const entries = Object.entries(asObject(filter, 'where'));
    const conditions = entries.map(([key, value]) => buildEntry(schema, object, key, value, path));
    return joinConditions(
        conditions.filter((condition) => condition !== ''),
        'AND'
    );
}

function buildEntry(
    schema: OrgSchema,
    object: ObjectSchema,
    key: string,
    value: unknown,
    path: string[]
): string {
    if (key === 'and' || key === 'or') {
        const parts = asList(value, key).map((item) => buildFilter(schema, object, item, path));
        return joinConditions(parts, key.toUpperCase());
    }
    if (key === 'not') {
        const inner = buildFilter(schema, object, value, path);
        return inner === '' ? '' : `(NOT ${inner})`;
    }

    const relationship = findRelationship(object, key);
    if (relationship) {
        const parent = findParentObject(schema, relationship);
        if (!parent) {
            throw unknownName(key, object);
        }
        return buildFilter(schema, parent, value, [...path, key]);
    }

    const field = findField(object, key);
    if (!field) {
        throw unknownName(key, object);
    }
    const fieldPath = [...path, field.name].join('.');
    const operators = Object.entries(asObject(value, key));
    const conditions = operators.map(([operator, operand]) => {
        const comparison = comparisonOperators[operator];
        if (comparison) {
            return `${fieldPath} ${comparison} ${toSoqlLiteral(field, operand)}`;
        }
        const listOperator = listOperators[operator];
        if (listOperator) {
            const literals = asList(operand, operator).map((item) => toSoqlLiteral(field, item));
            return `${fieldPath} ${listOperator} (${literals.join(', ')})`;
        }
        throw new GraphQlRequestError(
            `Unsupported filter operator '${operator}' on ${object.name}.${field.name}: use eq, ne, lt, lte, gt, gte, like, in or nin.`,
            'ValidationError'
        );
    });
    return joinConditions(conditions, 'AND');
}

function joinConditions(conditions: string[], keyword: string): string {
    if (conditions.length === 0) {
        return '';
    }
    if (conditions.length === 1) {
        return conditions[0] ?? '';
    }
    return `(${conditions.join(` ${keyword} `)})`;
}

function asObject(value: unknown, name: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new GraphQlRequestError(
            `Invalid filter at '${name}': expected an input object, got ${JSON.stringify(value)}.`,
            'ValidationError'
        );
    }
    return value as Record<string, unknown>;
}

function asList(value: unknown, name: string): unknown[] {
    if (!Array.isArray(value)) {
        throw new GraphQlRequestError(
            `Invalid filter at '${name}': expected a list, got ${JSON.stringify(value)}.`,
            'ValidationError'
        );
    }
    if (value.length === 0) {
        throw new GraphQlRequestError(
            `Invalid filter at '${name}': the list is empty.`,
            'ValidationError'
        );
    }
    return value;
}

function unknownName(name: string, object: ObjectSchema): GraphQlRequestError {
    return new GraphQlRequestError(
        `Field '${name}' is not defined on ${object.name}_Filter: use a field or relationship API name of ${object.name}.`,
        'ValidationError'
    );
}
