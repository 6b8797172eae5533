/** Routes a request under /services/data/vXX.X/ to its handler. */
import { ApiError } from '../errors';
import type { OrgRuntime, RestReply, RestRequest } from '../http/types';
import {
    createCollection,
    deleteCollection,
    retrieveCollection,
    updateCollection,
    upsertCollection
} from './collections';
import { describeGlobal, describeObject, objectSummary } from './describe';
import { queryMore, runQuery } from './query';
import {
    createRecord,
    deleteRecord,
    externalIdRow,
    methodNotAllowed,
    readRecord,
    updateRecord
} from './records';
import { limits, versionResources } from './resources';
import { handleUiApiRequest } from '../uiapi';

function sobjects(request: RestRequest, org: OrgRuntime): RestReply {
    const [, objectName, second, third] = request.segments;
    const { method } = request;
    if (objectName === undefined) {
        // REST API Developer Guide: Describe Global: GET only.
        if (method !== 'GET') throw methodNotAllowed(method);
        return { status: 200, body: describeGlobal(org.store.schema, request.version) };
    }
    const object = org.store.object(objectName);
    if (second === undefined) {
        if (method === 'POST') {
            return createRecord(request, org, object.name);
        }
        // REST API Developer Guide: sObject Basic Information: GET reads it, POST creates a record.
        if (method !== 'GET') throw methodNotAllowed(method);
        return {
            status: 200,
            body: { objectDescribe: objectSummary(object, request.version), recentItems: [] }
        };
    }
    if (second === 'describe' && third === undefined) {
        // REST API Developer Guide: sObject Describe: GET only.
        if (method !== 'GET') throw methodNotAllowed(method);
        return { status: 200, body: describeObject(org.store.schema, object, request.version) };
    }
    if (third !== undefined) {
        return externalIdRow(request, org, object.name, second, third);
    }
    switch (method) {
        case 'GET':
            return readRecord(request, org, object.name, second);
        case 'PATCH':
            return updateRecord(request, org, object.name, second);
        case 'DELETE':
            return deleteRecord(org, object.name, second);
        default:
            throw methodNotAllowed(method);
    }
}

function composite(request: RestRequest, org: OrgRuntime): RestReply {
    const [, kind, objectName, fieldName] = request.segments;
    if (kind !== 'sobjects') {
        throw new ApiError(
            404,
            'NOT_FOUND',
            `The local org implements only /composite/sobjects, not /composite/${kind ?? ''}.`
        );
    }
    const { method } = request;
    if (objectName === undefined) {
        if (method === 'POST') return createCollection(request, org);
        if (method === 'PATCH') return updateCollection(request, org);
        if (method === 'DELETE') return deleteCollection(request, org);
        throw methodNotAllowed(method);
    }
    if (fieldName === undefined && method === 'POST') {
        return retrieveCollection(request, org, objectName);
    }
    if (fieldName !== undefined && method === 'PATCH') {
        return upsertCollection(request, org, objectName, fieldName);
    }
    throw methodNotAllowed(method);
}

/** Dispatches a parsed REST request. */
export function routeRest(
    request: RestRequest,
    org: OrgRuntime,
    headers: Record<string, string | string[] | undefined>
): RestReply {
    const [first, second] = request.segments;
    switch (first) {
        case undefined:
            return versionResources(org, request.version, request.session.userId);
        case 'limits':
            return limits(org);
        case 'sobjects':
            return sobjects(request, org);
        case 'composite':
            return composite(request, org);
        case 'query':
        case 'queryAll':
            if (request.method !== 'GET') {
                throw methodNotAllowed(request.method);
            }
            return second === undefined
                ? runQuery(request, org, headers)
                : queryMore(request, org, second);
        case 'ui-api':
        case 'graphql':
            return handleUiApiRequest(request, org);
        default:
            throw new ApiError(
                404,
                'NOT_FOUND',
                `The requested resource does not exist: /${request.segments.join('/')}`
            );
    }
}
