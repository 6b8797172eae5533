/**
 * sObject Collections: create, retrieve, update, upsert and delete up to
 * 200 records in one request. The behaviour follows the REST API Developer
 * Guide pages Create Records Using sObject Collections, Upsert Records
 * Using sObject Collections and Delete Records Using sObject Collections.
 */
import { ApiError } from '../errors';
import type { RecordValues } from '../formulas';
import type { OrgRuntime, RestReply, RestRequest } from '../http/types';
import { normalizeId } from '../ids';
import { apiRecord, checkObjectAccess } from './records';

/** Maximum number of records in one sObject Collections request. */
export const MAX_COLLECTION_RECORDS = 200;

/** One entry of a Collections response, in input order. */
export interface CollectionResult {
    id?: string;
    success: boolean;
    errors: { statusCode: string; message: string; fields: string[] }[];
    created?: boolean;
}

class RollbackSignal extends Error {}

function failure(error: ApiError, id?: string): CollectionResult {
    const result: CollectionResult = {
        success: false,
        errors: [{ statusCode: error.errorCode, message: error.message, fields: error.fields }]
    };
    return id ? { id, ...result } : result;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseBody(request: RestRequest): { allOrNone: boolean; records: RecordValues[] } {
    const body = request.body;
    if (!isJsonObject(body) || !Array.isArray(body.records)) {
        throw new ApiError(
            400,
            'JSON_PARSER_ERROR',
            'The request body must be { "allOrNone": boolean, "records": [...] }.'
        );
    }
    if (body.allOrNone !== undefined && typeof body.allOrNone !== 'boolean') {
        throw new ApiError(
            400,
            'JSON_PARSER_ERROR',
            `allOrNone must be true or false, not ${JSON.stringify(body.allOrNone)}.`
        );
    }
    checkCount(body.records.length);
    const invalid = body.records.findIndex((record) => !isJsonObject(record));
    if (invalid !== -1) {
        throw new ApiError(
            400,
            'JSON_PARSER_ERROR',
            `Record ${invalid} is ${JSON.stringify(body.records[invalid])}; each record must be a JSON object.`
        );
    }
    return { allOrNone: body.allOrNone === true, records: body.records as RecordValues[] };
}

function checkCount(count: number): void {
    if (count > MAX_COLLECTION_RECORDS) {
        throw new ApiError(
            400,
            'EXCEEDED_ID_LIMIT',
            `record limit reached: ${count} records sent, cannot submit more than ${MAX_COLLECTION_RECORDS} records into this call. Split the records into batches of ${MAX_COLLECTION_RECORDS}.`
        );
    }
}

type Operation = (index: number) => CollectionResult;

/**
 * Runs one operation per record. Each record is saved in its own
 * savepoint, so a failed record leaves nothing behind. With `allOrNone`,
 * any failure rolls back the whole request and every record that had
 * succeeded reports ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
function runBatch(
    org: OrgRuntime,
    request: RestRequest,
    count: number,
    allOrNone: boolean,
    operation: Operation,
    idOf: (index: number) => string | undefined
): CollectionResult[] {
    const locked = org.faults.take(request.method, request.path.split('?')[0] ?? '', ['lockRow']);
    const isLocked = (index: number) =>
        locked !== undefined &&
        (locked.recordIndexes === undefined || locked.recordIndexes.includes(index));
    const runOne = (index: number): CollectionResult => {
        if (isLocked(index)) {
            const id = idOf(index);
            const message = `unable to obtain exclusive access to this record or 1 records: ${id ?? 'new record'}`;
            return failure(new ApiError(200, 'UNABLE_TO_LOCK_ROW', message), id);
        }
        try {
            return org.store.transaction(() => operation(index));
        } catch (error) {
            if (error instanceof ApiError) {
                return failure(error, idOf(index));
            }
            throw error;
        }
    };
    const indexes = Array.from({ length: count }, (_, index) => index);
    if (!allOrNone) {
        return org.store.transaction(() => indexes.map(runOne));
    }
    let results: CollectionResult[] = [];
    try {
        org.store.transaction(() => {
            results = indexes.map(runOne);
            if (results.some((result) => !result.success)) {
                throw new RollbackSignal();
            }
        });
        return results;
    } catch (error) {
        if (!(error instanceof RollbackSignal)) {
            throw error;
        }
        const rolledBack = new ApiError(
            200,
            'ALL_OR_NONE_OPERATION_ROLLED_BACK',
            'Record rolled back because not all records were valid and the request was using AllOrNone header'
        );
        return results.map((result, index) =>
            result.success ? failure(rolledBack, idOf(index)) : result
        );
    }
}

function recordType(record: RecordValues, index: number): string {
    const type = (record.attributes as { type?: unknown } | undefined)?.type;
    if (typeof type !== 'string' || type === '') {
        throw new ApiError(
            400,
            'INVALID_TYPE',
            `Record ${index} has no attributes.type; each record needs { "attributes": { "type": "ObjectName" } }.`
        );
    }
    return type;
}

/** POST /composite/sobjects. */
export function createCollection(request: RestRequest, org: OrgRuntime): RestReply {
    const { allOrNone, records } = parseBody(request);
    const types = records.map(recordType);
    const userId = request.session.userId;
    const results = runBatch(
        org,
        request,
        records.length,
        allOrNone,
        (index) => {
            checkObjectAccess(org.store.object(types[index] ?? ''), 'createable');
            const id = org.store.insert(types[index] ?? '', records[index] ?? {}, { userId });
            return { id, success: true, errors: [] };
        },
        () => undefined
    );
    return { status: 200, body: results };
}

/** PATCH /composite/sobjects. */
export function updateCollection(request: RestRequest, org: OrgRuntime): RestReply {
    const { allOrNone, records } = parseBody(request);
    const types = records.map(recordType);
    const idOf = (index: number) => {
        const record = records[index] ?? {};
        const id = record.id ?? record.Id;
        return typeof id === 'string' ? (normalizeId(id) ?? id) : undefined;
    };
    const userId = request.session.userId;
    const results = runBatch(
        org,
        request,
        records.length,
        allOrNone,
        (index) => {
            const id = idOf(index);
            if (!id) {
                throw new ApiError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call');
            }
            checkObjectAccess(org.store.object(types[index] ?? ''), 'updateable');
            // The store skips the record's own id and attributes entries on update.
            org.store.update(types[index] ?? '', id, records[index] ?? {}, { userId });
            return { id, success: true, errors: [] };
        },
        idOf
    );
    return { status: 200, body: results };
}

/** DELETE /composite/sobjects?ids=...&allOrNone=... */
export function deleteCollection(request: RestRequest, org: OrgRuntime): RestReply {
    // Results carry the 18-character form of each valid ID, as Salesforce returns them.
    const ids = (request.query.get('ids') ?? '')
        .split(',')
        .filter(Boolean)
        .map((id) => normalizeId(id) ?? id);
    checkCount(ids.length);
    const allOrNone = request.query.get('allOrNone') === 'true';
    const results = runBatch(
        org,
        request,
        ids.length,
        allOrNone,
        (index) => {
            const id = ids[index] ?? '';
            const object = org.store.schema.objects.find(
                (candidate) => candidate.keyPrefix === normalizeId(id)?.slice(0, 3)
            );
            if (!object) {
                throw new ApiError(
                    404,
                    'ENTITY_IS_DELETED',
                    `entity is deleted or does not exist: ${id}`
                );
            }
            checkObjectAccess(object, 'deletable');
            org.store.remove(object.name, id);
            return { id, success: true, errors: [] };
        },
        (index) => ids[index]
    );
    return { status: 200, body: results };
}

/** PATCH /composite/sobjects/X/ExtField. */
export function upsertCollection(
    request: RestRequest,
    org: OrgRuntime,
    objectName: string,
    fieldName: string
): RestReply {
    const { allOrNone, records } = parseBody(request);
    const object = org.store.object(objectName);
    const field = org.store.field(object, fieldName);
    if (!field.externalId && field.name !== 'Id') {
        throw new ApiError(
            400,
            'INVALID_FIELD',
            `Field ${field.name} on ${object.name} is not an external ID field.`,
            [field.name]
        );
    }
    const keyOf = (record: RecordValues) =>
        Object.entries(record).find(([key]) => key.toLowerCase() === field.name.toLowerCase())?.[1];
    const seen = new Map<string, number>();
    for (const record of records) {
        const key = String(keyOf(record) ?? '');
        const normalized = field.caseSensitive ? key : key.toLowerCase();
        seen.set(normalized, (seen.get(normalized) ?? 0) + 1);
    }
    const userId = request.session.userId;
    const results = runBatch(
        org,
        request,
        records.length,
        allOrNone,
        (index) => {
            const record = records[index] ?? {};
            const type = recordType(record, index);
            if (type.toLowerCase() !== object.name.toLowerCase()) {
                throw new ApiError(
                    400,
                    'INVALID_TYPE',
                    `Record ${index} has type ${type}; this request upserts ${object.name} only.`
                );
            }
            const key = keyOf(record);
            if (key === undefined || key === null || key === '') {
                throw new ApiError(400, 'MISSING_ARGUMENT', `${field.name} not specified`, [
                    field.name
                ]);
            }
            const normalized = field.caseSensitive ? String(key) : String(key).toLowerCase();
            if ((seen.get(normalized) ?? 0) > 1) {
                throw new ApiError(
                    400,
                    'DUPLICATE_VALUE',
                    `Duplicate external id specified: ${String(key)}`,
                    [field.name]
                );
            }
            checkObjectAccess(object, 'createable', 'updateable');
            const outcome = org.store.upsert(object.name, field.name, key, record, { userId });
            return { id: outcome.id, success: true, errors: [], created: outcome.created };
        },
        () => undefined
    );
    return { status: 200, body: results };
}

/** POST /composite/sobjects/X with `{ ids, fields }`: records in ID order, null for IDs not found. */
export function retrieveCollection(
    request: RestRequest,
    org: OrgRuntime,
    objectName: string
): RestReply {
    const object = org.store.object(objectName);
    const body = request.body;
    const isTextList = (value: unknown): value is string[] =>
        Array.isArray(value) && value.every((entry) => typeof entry === 'string');
    if (!isJsonObject(body) || !isTextList(body.ids) || !isTextList(body.fields)) {
        throw new ApiError(
            400,
            'JSON_PARSER_ERROR',
            'The request body must be { "ids": ["<record ID>", ...], "fields": ["<field name>", ...] }.'
        );
    }
    checkCount(body.ids.length);
    const fields = body.fields.map((name) => org.store.field(object, name).name);
    const records = body.ids.map((id) => {
        const values = org.store.readComputed(object.name, id);
        return values ? apiRecord(object, values, request.version, fields) : null;
    });
    return { status: 200, body: records };
}
