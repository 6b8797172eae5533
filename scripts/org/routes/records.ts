/**
 * Single-record resources: create, read, update, delete and upsert by
 * external ID (REST API Developer Guide: sObject Rows, sObject Rows by
 * External ID, Insert or Update (Upsert) a Record Using an External ID).
 */
import { ApiError, multipleChoices, notFound } from '../errors';
import type { RecordValues } from '../formulas';
import type { OrgRuntime, RestReply, RestRequest } from '../http/types';
import type { ObjectSchema } from '../schema/types';
import { objectAccess, type ObjectAccess } from './describe';

/** Builds the `attributes` entry of a record. */
export function recordAttributes(
    object: ObjectSchema,
    id: unknown,
    version: string
): { type: string; url: string } {
    return {
        type: object.name,
        url: `/services/data/v${version}/sobjects/${object.name}/${String(id)}`
    };
}

/** Builds a REST record: `attributes` first, then the chosen fields (all when none are given). */
export function apiRecord(
    object: ObjectSchema,
    values: RecordValues,
    version: string,
    fieldNames?: string[]
): Record<string, unknown> {
    const record: Record<string, unknown> = {
        attributes: recordAttributes(object, values.Id, version)
    };
    const names = fieldNames ?? object.fields.map((field) => field.name);
    for (const name of names) {
        record[name] = values[name] ?? null;
    }
    return record;
}

/** Reads the request body as a JSON object, or raises the JSON_PARSER_ERROR Salesforce sends. */
export function bodyObject(request: RestRequest): RecordValues {
    const body = request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
        throw new ApiError(
            400,
            'JSON_PARSER_ERROR',
            'The request body must be a JSON object of field names to values.'
        );
    }
    return body as RecordValues;
}

function requestedFields(
    org: OrgRuntime,
    object: ObjectSchema,
    request: RestRequest
): string[] | undefined {
    const fields = request.query.get('fields');
    if (!fields) {
        return undefined;
    }
    return fields
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
        .map((name) => org.store.field(object, name).name);
}

/**
 * Raises INVALID_TYPE_FOR_OPERATION when describe reports the operation as
 * not allowed on the object, for example deleting a User.
 *
 * NOTE: INVALID_TYPE_FOR_OPERATION is a Salesforce error code (the restforce
 * 7.3 client lists it), but which code a real org returns for these writes
 * was not checked.
 */
export function checkObjectAccess(
    object: ObjectSchema,
    ...operations: (keyof ObjectAccess)[]
): void {
    const access = objectAccess(object);
    const denied = operations.find((operation) => !access[operation]);
    if (denied) {
        throw new ApiError(
            400,
            'INVALID_TYPE_FOR_OPERATION',
            `${object.name} records are not ${denied} through the API (describe reports ${denied}: false).`
        );
    }
}

/** POST /sobjects/X: creates a record, 201 with `{ id, success, errors }`. */
export function createRecord(request: RestRequest, org: OrgRuntime, objectName: string): RestReply {
    const object = org.store.object(objectName);
    checkObjectAccess(object, 'createable');
    const id = org.store.insert(object.name, bodyObject(request), {
        userId: request.session.userId
    });
    return { status: 201, body: { id, success: true, errors: [] } };
}

/** GET /sobjects/X/id[?fields=...]. */
export function readRecord(
    request: RestRequest,
    org: OrgRuntime,
    objectName: string,
    id: string
): RestReply {
    const object = org.store.object(objectName);
    const fields = requestedFields(org, object, request);
    const values = org.store.readComputed(object.name, id);
    if (!values) {
        throw notFound(
            `The requested resource does not exist: no ${object.name} record has ID ${id}.`
        );
    }
    return { status: 200, body: apiRecord(object, values, request.version, fields) };
}

/** PATCH /sobjects/X/id: 204 with no body. */
export function updateRecord(
    request: RestRequest,
    org: OrgRuntime,
    objectName: string,
    id: string
): RestReply {
    checkObjectAccess(org.store.object(objectName), 'updateable');
    org.store.update(objectName, id, bodyObject(request), { userId: request.session.userId });
    return { status: 204 };
}

/** DELETE /sobjects/X/id: 204 with no body. */
export function deleteRecord(org: OrgRuntime, objectName: string, id: string): RestReply {
    checkObjectAccess(org.store.object(objectName), 'deletable');
    org.store.remove(objectName, id);
    return { status: 204 };
}

function matchByExternalId(
    org: OrgRuntime,
    object: ObjectSchema,
    fieldName: string,
    value: string
): string {
    const field = org.store.field(object, fieldName);
    const ids = org.store.findIdsByField(object.name, field.name, value);
    if (ids.length > 1) {
        throw multipleChoices(
            object.name,
            field.name,
            value,
            org.store.findIdsByField(object.name, field.name, value, 200)
        );
    }
    const id = ids[0];
    if (!id) {
        throw notFound(
            `The requested resource does not exist: no ${object.name} record has ${field.name} = ${value}.`
        );
    }
    return id;
}

/**
 * PATCH /sobjects/X/ExtField/value: 201 with `created: true` when a record
 * was inserted, 200 with `created: false` when one was updated.
 * `?updateOnly=true` turns a missing match into 404 instead of an insert.
 */
export function upsertRecord(
    request: RestRequest,
    org: OrgRuntime,
    objectName: string,
    fieldName: string,
    value: string
): RestReply {
    checkObjectAccess(org.store.object(objectName), 'createable', 'updateable');
    const outcome = org.store.upsert(objectName, fieldName, value, bodyObject(request), {
        userId: request.session.userId,
        updateOnly: request.query.get('updateOnly') === 'true'
    });
    const body = { id: outcome.id, success: true, errors: [], created: outcome.created };
    return { status: outcome.created ? 201 : 200, body };
}

/** Routes /sobjects/X/ExtField/value for GET, PATCH and DELETE. */
export function externalIdRow(
    request: RestRequest,
    org: OrgRuntime,
    objectName: string,
    fieldName: string,
    value: string
): RestReply {
    const object = org.store.object(objectName);
    if (request.method === 'PATCH') {
        return upsertRecord(request, org, object.name, fieldName, value);
    }
    const id = matchByExternalId(org, object, fieldName, value);
    if (request.method === 'GET') {
        return readRecord(request, org, object.name, id);
    }
    if (request.method === 'DELETE') {
        return deleteRecord(org, object.name, id);
    }
    throw methodNotAllowed(request.method);
}

/** Builds the 405 error for a method a resource does not accept. */
export function methodNotAllowed(method: string): ApiError {
    return new ApiError(
        405,
        'METHOD_NOT_ALLOWED',
        `HTTP Method '${method}' not allowed. Allowed are GET, POST, PATCH, DELETE as the resource supports.`
    );
}
