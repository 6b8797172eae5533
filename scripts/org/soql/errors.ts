/**
 * Errors of the SOQL engine, shaped like the REST API's error bodies
 * (`[{ errorCode, message }]`) so the local org can send them as they are.
 */

/** Error codes the engine raises, the same codes Salesforce sends for these faults. */
export type SoqlErrorCode =
    'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'NUMBER_OUTSIDE_VALID_RANGE';

/** A query the local org cannot run, with the Salesforce error code that a real org would send. */
export class SoqlError extends Error {
    readonly errorCode: SoqlErrorCode;

    constructor(errorCode: SoqlErrorCode, message: string) {
        super(message);
        this.name = 'SoqlError';
        this.errorCode = errorCode;
    }
}

/** Creates the MALFORMED_QUERY error for a SOQL feature that the local org does not implement. */
export function unsupportedFeature(feature: string): SoqlError {
    return new SoqlError(
        'MALFORMED_QUERY',
        `The local org does not support ${feature}. Rewrite the query without it, ` +
            'or run it against a real org.'
    );
}

/** Creates the MALFORMED_QUERY error for a query that is not valid SOQL. */
export function malformedQuery(message: string): SoqlError {
    return new SoqlError('MALFORMED_QUERY', message);
}

/** Creates the INVALID_TYPE error for an object name that is not in the schema. */
export function unknownObject(objectName: string): SoqlError {
    return new SoqlError(
        'INVALID_TYPE',
        `sObject type '${objectName}' is not supported: the local org has no object with ` +
            "that API name. Check the spelling: custom object names end in '__c'."
    );
}

/** Creates the INVALID_FIELD error for a field name that is not on the object. */
export function unknownField(fieldName: string, objectName: string): SoqlError {
    return new SoqlError(
        'INVALID_FIELD',
        `No such column '${fieldName}' on entity '${objectName}'. Check the field's API ` +
            "name in describe. Custom field names end in '__c'."
    );
}

/** Creates the INVALID_FIELD error for a relationship name that is not on the object. */
export function unknownRelationship(relationshipName: string, objectName: string): SoqlError {
    return new SoqlError(
        'INVALID_FIELD',
        `No such relationship '${relationshipName}' on entity '${objectName}'. Use the ` +
            "relationship name of a lookup field, for example 'Owner' or 'User__r'."
    );
}

/** Creates the INVALID_FIELD error for a field used in a way its type does not allow. */
export function invalidFieldUse(fieldName: string, message: string): SoqlError {
    return new SoqlError('INVALID_FIELD', `Field '${fieldName}': ${message}`);
}
