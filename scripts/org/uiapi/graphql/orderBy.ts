/**
 * Translates a GraphQL `orderBy` argument into a SOQL ORDER BY list.
 *
 * GraphQL API Developer Guide, "Order By Schema": `orderBy` maps field names
 * to `{ order: ASC | DESC, nulls: FIRST | LAST }`, and parent fields sit
 * under the relationship name.
 */
import type { ObjectSchema, OrgSchema } from '../../schema/types';
import { GraphQlRequestError } from '../errors';
import { findField, findParentObject, findRelationship } from '../schemaLookup';

/** Returns the ORDER BY items for an `orderBy` value, in the order given. */
export function buildOrderBy(schema: OrgSchema, object: ObjectSchema, orderBy: unknown): string[] {
    if (orderBy === undefined || orderBy === null) {
        return [];
    }
    return collectOrderItems(schema, object, orderBy, []);
}

function collectOrderItems(
    schema: OrgSchema,
    object: ObjectSchema,
    orderBy: unknown,
    path: string[]
): string[] {
    if (typeof orderBy !== 'object' || orderBy === null || Array.isArray(orderBy)) {
        throw invalidOrderBy(`expected an input object, got ${JSON.stringify(orderBy)}`);
    }
    return Object.entries(orderBy).flatMap(([key, value]) => {
        const relationship = findRelationship(object, key);
        if (relationship) {
            const parent = findParentObject(schema, relationship);
            if (!parent) {
                throw invalidOrderBy(`unknown relationship ${object.name}.${key}`);
            }
            return collectOrderItems(schema, parent, value, [...path, key]);
        }
        const field = findField(object, key);
        if (!field) {
            throw invalidOrderBy(`field '${key}' is not defined on ${object.name}`);
        }
        return [formatOrderItem([...path, field.name].join('.'), value)];
    });
}

function formatOrderItem(fieldPath: string, clause: unknown): string {
    const { order = 'ASC', nulls } = (clause ?? {}) as { order?: unknown; nulls?: unknown };
    if (order !== 'ASC' && order !== 'DESC') {
        throw invalidOrderBy(
            `order of ${fieldPath} must be ASC or DESC, got ${JSON.stringify(order)}`
        );
    }
    if (nulls !== undefined && nulls !== 'FIRST' && nulls !== 'LAST') {
        throw invalidOrderBy(
            `nulls of ${fieldPath} must be FIRST or LAST, got ${JSON.stringify(nulls)}`
        );
    }
    return nulls === undefined ? `${fieldPath} ${order}` : `${fieldPath} ${order} NULLS ${nulls}`;
}

function invalidOrderBy(detail: string): GraphQlRequestError {
    return new GraphQlRequestError(`Invalid orderBy argument: ${detail}.`, 'ValidationError');
}
