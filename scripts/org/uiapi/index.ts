/**
 * UI API and GraphQL API resources of the local org, under
 * `/services/data/vXX.X/ui-api/` and `/services/data/vXX.X/graphql`. The
 * REST router (scripts/org/routes/rest.ts) passes every request below
 * those paths to handleUiApiRequest.
 */
import { ApiError, notFound } from '../errors';
import type { OrgRuntime, RestReply, RestRequest } from '../http/types';
import { compileQuery, SoqlError, TOTAL_SIZE_COLUMN } from '../soql';
import { GraphQlRequestError, UiApiRequestError } from './errors';
import { executeGraphQl, type GraphQlRequestBody } from './graphql/execute';
import type { SoqlResult } from './graphql/types';
import { buildObjectInfo } from './objectInfo';
import { createRecord, deleteRecord, getRecord, updateRecord } from './records';
import { findObject } from './schemaLookup';

/**
 * Serves one request whose path after `/services/data/vXX.X/` starts with
 * `ui-api` or `graphql`. REST errors are raised as ApiError for the server
 * to write; GraphQL errors come back in the response body.
 */
export function handleUiApiRequest(request: RestRequest, org: OrgRuntime): RestReply {
    const [resource, ...rest] = request.segments;
    try {
        if (resource === 'graphql' && rest.length === 0) {
            return handleGraphQl(request, org);
        }
        if (resource === 'ui-api') {
            return handleUiApi(request, org, rest);
        }
        throw notFound(`The requested resource does not exist: /${request.segments.join('/')}`);
    } catch (error) {
        if (error instanceof UiApiRequestError) {
            throw new ApiError(error.statusCode, error.errorCode, error.message);
        }
        throw error;
    }
}

function handleUiApi(request: RestRequest, org: OrgRuntime, segments: string[]): RestReply {
    const [resource, id, ...rest] = segments;
    if (resource === 'object-info' && id !== undefined && rest.length === 0) {
        requireMethod(request, ['GET']);
        const object = findObject(org.store.schema, id);
        if (!object) {
            throw notFound(
                `The requested resource does not exist: no object has the API name ${id}.`
            );
        }
        return { status: 200, body: buildObjectInfo(org.store.schema, object) };
    }
    if (resource === 'records' && id === undefined) {
        requireMethod(request, ['POST']);
        return createRecord(request, org);
    }
    if (resource === 'records' && id !== undefined && rest.length === 0) {
        requireMethod(request, ['GET', 'PATCH', 'DELETE']);
        if (request.method === 'DELETE') {
            return deleteRecord(org, id);
        }
        return request.method === 'GET'
            ? getRecord(request, org, id)
            : updateRecord(request, org, id);
    }
    throw notFound(
        `The requested resource does not exist: the local org serves ui-api/object-info/{objectApiName} and ui-api/records[/{recordId}], not ui-api/${segments.join('/')}.`
    );
}

/** GraphQL API Developer Guide: POST /services/data/vXX.X/graphql; results and errors come back with 200. */
function handleGraphQl(request: RestRequest, org: OrgRuntime): RestReply {
    requireMethod(request, ['POST']);
    const body = (
        typeof request.body === 'object' && request.body !== null ? request.body : {}
    ) as GraphQlRequestBody;
    const result = executeGraphQl(body, org.store.schema, (soql) =>
        runSoql(org, soql, request.version)
    );
    return { status: 200, body: result };
}

/** Runs SOQL through the org's SOQL engine, with formula fields computed as the query resource does. */
function runSoql(org: OrgRuntime, soql: string, version: string): SoqlResult {
    let compiled;
    try {
        compiled = compileQuery(soql, org.store.schema, {
            apiVersion: version,
            resolveFormula: ({ object, field, recordId }) =>
                org.store.formulaValue(object.name, field.name, recordId)
        });
    } catch (error) {
        if (error instanceof SoqlError) {
            throw new GraphQlRequestError(
                `The local org cannot run this query: ${error.message}`,
                'DataFetchingException'
            );
        }
        throw error;
    }
    const statement = org.store.db.prepare(compiled.sql);
    if (compiled.countOnly) {
        const row = statement.get(...compiled.params) as Record<string, unknown>;
        return { totalSize: Number(row[TOTAL_SIZE_COLUMN]), records: [] };
    }
    const rows = statement.all(...compiled.params) as Record<string, unknown>[];
    const records = rows.map((row) => compiled.toRecord(row));
    return { totalSize: records.length, records };
}

function requireMethod(request: RestRequest, allowed: string[]): void {
    if (!allowed.includes(request.method)) {
        throw new ApiError(
            405,
            'METHOD_NOT_ALLOWED',
            `HTTP method ${request.method} is not allowed on this resource: use ${allowed.join(' or ')}.`
        );
    }
}
