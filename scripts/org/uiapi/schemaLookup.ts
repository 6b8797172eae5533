import type { FieldSchema, ObjectSchema, OrgSchema } from '../schema/types';

/**
 * Finds an object by its API name. GraphQL names are case-sensitive, so
 * unlike SOQL the match is exact.
 */
export function findObject(schema: OrgSchema, apiName: string): ObjectSchema | undefined {
    return schema.objects.find((object) => object.name === apiName);
}

/** Finds a field of an object by its exact API name. */
export function findField(object: ObjectSchema, apiName: string): FieldSchema | undefined {
    return object.fields.find((field) => field.name === apiName);
}

/** Finds the lookup field whose relationship name is `relationshipName`, for example `User__r`. */
export function findRelationship(
    object: ObjectSchema,
    relationshipName: string
): FieldSchema | undefined {
    return object.fields.find(
        (field) => field.type === 'reference' && field.relationshipName === relationshipName
    );
}

/** Returns the object a lookup field points at, or undefined when the schema lacks it. */
export function findParentObject(schema: OrgSchema, lookup: FieldSchema): ObjectSchema | undefined {
    const target = lookup.referenceTo?.[0];
    return target === undefined ? undefined : findObject(schema, target);
}
