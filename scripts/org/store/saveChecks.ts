/**
 * The checks a save runs before it writes: field access and types,
 * required fields, lookup targets and validation rules. Each raises the
 * ApiError that Salesforce returns for the same fault.
 */
import { ApiError } from '../errors';
import { failingValidationRule, type FormulaContext, type RecordValues } from '../formulas';
import type { FieldSchema, ObjectSchema } from '../schema/types';
import { coerceValue } from './values';

/** The store lookups that the checks need. */
export interface SaveContext extends FormulaContext {
    field(object: ObjectSchema, name: string): FieldSchema;
}

/** Converts a request body to record form; raises INVALID_FIELD or INVALID_FIELD_FOR_INSERT_UPDATE. */
export function inputValues(
    store: SaveContext,
    object: ObjectSchema,
    input: RecordValues,
    creating: boolean
): RecordValues {
    const values: RecordValues = {};
    const readOnly: string[] = [];
    for (const [key, raw] of Object.entries(input)) {
        if (key === 'attributes' || (key.toLowerCase() === 'id' && !creating)) {
            continue;
        }
        const field = store.field(object, key);
        if (!(creating ? field.createable : field.updateable)) {
            readOnly.push(field.name);
            continue;
        }
        values[field.name] = coerceValue(field, raw, referencePrefixes(store, field));
    }
    if (readOnly.length > 0) {
        const verb = creating ? 'create' : 'update';
        throw new ApiError(
            400,
            'INVALID_FIELD_FOR_INSERT_UPDATE',
            `Unable to ${verb} fields: ${readOnly.join(', ')}. The local org treats them as read-only, as Salesforce does.`,
            readOnly
        );
    }
    return values;
}

function referencePrefixes(store: SaveContext, field: FieldSchema): string[] {
    return (field.referenceTo ?? [])
        .map((name) => store.schemaOf(name)?.keyPrefix ?? '')
        .filter(Boolean);
}

/** Raises REQUIRED_FIELD_MISSING when a required field is empty. */
export function checkRequired(object: ObjectSchema, values: RecordValues): void {
    const missing = object.fields
        .filter(
            (field) =>
                field.required &&
                field.createable &&
                (values[field.name] === null || values[field.name] === undefined)
        )
        .map((field) => field.name);
    if (missing.length > 0) {
        throw new ApiError(
            400,
            'REQUIRED_FIELD_MISSING',
            `Required fields are missing: [${missing.join(', ')}]`,
            missing
        );
    }
}

/** Raises INVALID_CROSS_REFERENCE_KEY when a changed lookup points at no record. */
export function checkLookups(
    store: SaveContext,
    object: ObjectSchema,
    values: RecordValues,
    changed: string[]
): void {
    for (const name of changed) {
        const field = store.field(object, name);
        const id = values[name];
        if (field.type !== 'reference' || typeof id !== 'string' || store.related(field, id)) {
            continue;
        }
        throw new ApiError(
            400,
            'INVALID_CROSS_REFERENCE_KEY',
            `${field.label}: id value of incorrect type or not found: ${id}`,
            [field.name]
        );
    }
}

/** Raises FIELD_CUSTOM_VALIDATION_EXCEPTION for the first failing active validation rule. */
export function checkValidationRules(
    store: SaveContext,
    object: ObjectSchema,
    values: RecordValues,
    prior: RecordValues | null
): void {
    const rule = failingValidationRule({ object, values, prior }, store);
    if (rule) {
        const fields = rule.errorDisplayField ? [rule.errorDisplayField] : [];
        throw new ApiError(400, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.errorMessage, fields);
    }
}
