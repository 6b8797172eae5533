/**
 * Records in the UI API's shape. User Interface API Developer Guide,
 * "Record" response body: `{ apiName, id, fields: { Name: { value,
 * displayValue } }, ... }`, with a parent record nested as the value of its
 * relationship name.
 */
import type { RecordValues } from '../formulas';
import type { OrgStore } from '../store/store';
import type { ObjectSchema } from '../schema/types';
import { toDisplayValue, toIsoDateTime, toUiValue } from './fieldValues';
import { findField, findParentObject, findRelationship } from './schemaLookup';
import { UiApiRequestError } from './errors';

/** A field path below the record's object: `['Name']` or `['User__r', 'IsActive']`. */
export type FieldPath = string[];

/** Builds a Record response body with the given fields, or every field of the object. */
export function buildRecord(
    store: OrgStore,
    object: ObjectSchema,
    values: RecordValues,
    paths?: FieldPath[]
): Record<string, unknown> {
    const chosen = paths ?? object.fields.map((field) => [field.name]);
    const fields: Record<string, unknown> = {};
    for (const path of chosen) {
        addField(store, object, values, path, fields);
    }
    const modstamp = isoOrNull(values.SystemModstamp);
    return {
        apiName: object.name,
        childRelationships: {},
        eTag: `${String(values.Id)}-${modstamp ?? ''}`,
        fields,
        id: values.Id,
        lastModifiedById: values.LastModifiedById ?? null,
        lastModifiedDate: isoOrNull(values.LastModifiedDate),
        recordTypeId: null,
        recordTypeInfo: null,
        systemModstamp: modstamp,
        // The UI API's weak ETag is the modification time in milliseconds.
        weakEtag: modstamp ? Date.parse(modstamp) : 0
    };
}

function isoOrNull(value: unknown): string | null {
    return typeof value === 'string' ? toIsoDateTime(value) : null;
}

function addField(
    store: OrgStore,
    object: ObjectSchema,
    values: RecordValues,
    path: FieldPath,
    fields: Record<string, unknown>
): void {
    const [head, ...rest] = path;
    if (head === undefined) {
        return;
    }
    if (rest.length === 0) {
        const field = findField(object, head);
        if (field) {
            fields[field.name] = {
                displayValue: toDisplayValue(field, values[field.name]),
                value: toUiValue(field, values[field.name])
            };
        }
        return;
    }
    const lookup = findRelationship(object, head);
    const parent = lookup && findParentObject(store.schema, lookup);
    if (!lookup || !parent) {
        return;
    }
    const parentId = values[lookup.name];
    const parentValues =
        typeof parentId === 'string' ? store.readComputed(parent.name, parentId) : null;
    const existing = fields[head] as
        { value: { fields: Record<string, unknown> } | null } | undefined;
    if (!parentValues) {
        fields[head] = existing ?? { displayValue: null, value: null };
        return;
    }
    const nested = existing?.value ?? buildRecord(store, parent, parentValues, []);
    addField(
        store,
        parent,
        parentValues,
        rest,
        (nested as { fields: Record<string, unknown> }).fields
    );
    fields[head] = { displayValue: parentValues.Name ?? null, value: nested };
}

/**
 * Reads the `fields` or `optionalFields` parameter of "Get a Record":
 * comma-separated `Object.Field` names. Unknown names raise INVALID_FIELD
 * for `fields` and are skipped for `optionalFields`, as the UI API does.
 */
export function parseFieldList(
    object: ObjectSchema,
    store: OrgStore,
    parameter: string | null,
    optional: boolean
): FieldPath[] {
    if (!parameter) {
        return [];
    }
    const paths: FieldPath[] = [];
    for (const qualified of parameter
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)) {
        const [objectName, ...path] = qualified.split('.');
        const valid =
            objectName === object.name && path.length > 0 && resolvesPath(store, object, path);
        if (valid) {
            paths.push(path);
        } else if (!optional) {
            throw new UiApiRequestError(
                `Invalid field ${qualified}: name fields as ${object.name}.FieldApiName, with parent fields as ${object.name}.Relationship__r.Field.`,
                400,
                'INVALID_FIELD'
            );
        }
    }
    return paths;
}

function resolvesPath(store: OrgStore, object: ObjectSchema, path: FieldPath): boolean {
    const [head, ...rest] = path;
    if (head === undefined) {
        return false;
    }
    if (rest.length === 0) {
        return findField(object, head) !== undefined;
    }
    const lookup = findRelationship(object, head);
    const parent = lookup && findParentObject(store.schema, lookup);
    return parent ? resolvesPath(store, parent, rest) : false;
}
