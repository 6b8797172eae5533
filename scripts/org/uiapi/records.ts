/**
 * UI API record resources. User Interface API Developer Guide: "Get a
 * Record" (`GET /ui-api/records/{recordId}?fields=`), "Create a Record"
 * (`POST /ui-api/records`), "Update a Record"
 * (`PATCH /ui-api/records/{recordId}`) and "Delete a Record"
 * (`DELETE /ui-api/records/{recordId}`). Writes go through the org's record
 * store, so they run the same checks and validation rules as the REST API.
 */
import { ApiError, notFound } from '../errors';
import type { RecordValues } from '../formulas';
import type { OrgRuntime, RestReply, RestRequest } from '../http/types';
import { normalizeId } from '../ids';
import { checkObjectAccess } from '../routes/records';
import type { ObjectSchema } from '../schema/types';
import { UiApiRequestError } from './errors';
import { buildRecord, parseFieldList } from './recordRepresentation';
import { findField, findObject } from './schemaLookup';

/** GET /ui-api/records/{recordId}: the record with the requested fields. */
export function getRecord(request: RestRequest, org: OrgRuntime, recordId: string): RestReply {
    const object = objectOfRecord(org, recordId);
    const values = org.store.readComputed(object.name, recordId);
    if (!values) {
        throw notFound(
            `The requested resource does not exist: no ${object.name} record has Id ${recordId}.`
        );
    }
    const fields = parseFieldList(object, org.store, request.query.get('fields'), false);
    const optional = parseFieldList(object, org.store, request.query.get('optionalFields'), true);
    // NOTE: without fields or optionalFields the UI API requires layoutTypes;
    // the local org has no layouts, so it returns every field instead.
    const paths = fields.length + optional.length > 0 ? [...fields, ...optional] : undefined;
    return { status: 200, body: buildRecord(org.store, object, values, paths) };
}

/** POST /ui-api/records with `{ apiName, fields }`: 201 with the new record. */
export function createRecord(request: RestRequest, org: OrgRuntime): RestReply {
    const body = readBody(request);
    const apiName = body.apiName;
    const object = typeof apiName === 'string' ? findObject(org.store.schema, apiName) : undefined;
    if (!object) {
        throw new UiApiRequestError(
            `Invalid apiName ${JSON.stringify(apiName)}: send the API name of an object, for example Natterbox_User_License__c.`,
            400,
            'INVALID_TYPE'
        );
    }
    const fields = readFields(body);
    return saveRecord(org, object, fields, 201, () => {
        checkObjectAccess(object, 'createable');
        return org.store.insert(object.name, fields, { userId: request.session.userId });
    });
}

/** PATCH /ui-api/records/{recordId} with `{ fields }`: 200 with the updated record. */
export function updateRecord(request: RestRequest, org: OrgRuntime, recordId: string): RestReply {
    const object = objectOfRecord(org, recordId);
    const fields = readFields(readBody(request));
    return saveRecord(org, object, fields, 200, () => {
        checkObjectAccess(object, 'updateable');
        org.store.update(object.name, recordId, fields, { userId: request.session.userId });
        return recordId;
    });
}

/** DELETE /ui-api/records/{recordId}: 204 with no body. */
export function deleteRecord(org: OrgRuntime, recordId: string): RestReply {
    const object = objectOfRecord(org, recordId);
    // The same rule as the REST API's: users are deactivated, never deleted.
    checkObjectAccess(object, 'deletable');
    org.store.remove(object.name, recordId);
    return { status: 204 };
}

function saveRecord(
    org: OrgRuntime,
    object: ObjectSchema,
    fields: RecordValues,
    status: number,
    save: () => string
): RestReply {
    let id: string;
    try {
        id = save();
    } catch (error) {
        if (error instanceof ApiError && error.status === 400) {
            return { status: 400, body: recordError(object, error) };
        }
        throw error;
    }
    const values = org.store.readComputed(object.name, id);
    if (!values) {
        throw notFound(`The record ${id} was saved but could not be read back.`);
    }
    const paths = Object.keys(fields).map((name) => [findField(object, name)?.name ?? name]);
    return { status, body: buildRecord(org.store, object, values, [['Id'], ...paths]) };
}

/**
 * Builds the "Error with Output" body of a failed save: the errors without
 * a field in `output.errors`, the others under their field in
 * `output.fieldErrors` ("Record Exceptions", "Record Exception Error").
 */
function recordError(object: ObjectSchema, error: ApiError): Record<string, unknown> {
    const entry = (field: string | null) => ({
        constituentField: null,
        duplicateRecordError: null,
        errorCode: error.errorCode,
        field,
        fieldLabel: field ? (findField(object, field)?.label ?? field) : null,
        message: error.message
    });
    const fieldErrors = Object.fromEntries(error.fields.map((field) => [field, [entry(field)]]));
    return {
        enhancedErrorType: 'RecordError',
        message: `The ${object.label} record was not saved: ${error.message}`,
        output: { errors: error.fields.length === 0 ? [entry(null)] : [], fieldErrors }
    };
}

function objectOfRecord(org: OrgRuntime, recordId: string): ObjectSchema {
    const id = normalizeId(recordId);
    const object = id
        ? org.store.schema.objects.find((candidate) => candidate.keyPrefix === id.slice(0, 3))
        : undefined;
    if (!object) {
        throw notFound(
            `The requested resource does not exist: ${recordId} is not the Id of a record in this org.`
        );
    }
    return object;
}

function readBody(request: RestRequest): Record<string, unknown> {
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new UiApiRequestError(
            'The request body must be a JSON object.',
            400,
            'JSON_PARSER_ERROR'
        );
    }
    return body as Record<string, unknown>;
}

function readFields(body: Record<string, unknown>): RecordValues {
    const fields = body.fields;
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
        throw new UiApiRequestError(
            'The request body has no fields object: send { "fields": { "FieldApiName": value } }.',
            400,
            'JSON_PARSER_ERROR'
        );
    }
    return fields as RecordValues;
}
