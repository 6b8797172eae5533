/**
 * Query resources: `GET /query?q=`, `GET /query/<locator>-<offset>` for
 * the next page, and `/queryAll` (REST API Developer Guide: Query, QueryAll).
 */
import { randomBytes } from 'node:crypto';
import { ApiError } from '../errors';
import type { OrgRuntime, RestReply, RestRequest } from '../http/types';
import { quoteIdentifier } from '../schema/storage';
import { queryColumns } from './queryColumns';
import { compileQuery, SoqlError, TOTAL_SIZE_COLUMN, type CompiledQuery } from '../soql';

/** Records per page unless the client asks for fewer with `Sforce-Query-Options: batchSize=N`. */
export const DEFAULT_BATCH_SIZE = 2000;

/**
 * Salesforce has no limit on open query cursors since API 56.0 and keeps
 * each for 2 days (Salesforce App Limits Cheatsheet: "API Query Cursor
 * Limits"). This org keeps them for 2 days too, and drops the oldest past
 * this count to bound memory.
 */
export const MAX_OPEN_CURSORS = 10_000;

/** How long a cursor stays usable, in milliseconds. */
export const CURSOR_LIFETIME_MS = 2 * 24 * 60 * 60 * 1000;

interface Cursor {
    compiled: CompiledQuery;
    /** Time the query ran, from Date.now(). */
    openedAt: number;
    totalSize: number;
    batchSize: number;
    version: string;
}

/** The org's open query cursors, oldest first. */
export class QueryCursors {
    private readonly cursors = new Map<string, Cursor>();

    /** Stores a cursor and returns its locator. */
    open(cursor: Cursor): string {
        // Salesforce Help: "INVALID_QUERY_LOCATOR": a locator is 18 characters and starts with 0r8.
        const locator = `0r8${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 15)}`;
        this.cursors.set(locator, cursor);
        while (this.cursors.size > MAX_OPEN_CURSORS) {
            const oldest = this.cursors.keys().next().value as string;
            this.cursors.delete(oldest);
        }
        return locator;
    }

    get(locator: string, now = Date.now()): Cursor | undefined {
        const cursor = this.cursors.get(locator);
        if (cursor && now - cursor.openedAt > CURSOR_LIFETIME_MS) {
            this.cursors.delete(locator);
            return undefined;
        }
        return cursor;
    }

    close(locator: string): void {
        this.cursors.delete(locator);
    }
}

function batchSize(header: string | undefined): number {
    const match = /batchSize\s*=\s*(\d+)/i.exec(header ?? '');
    const size = match ? Number(match[1]) : DEFAULT_BATCH_SIZE;
    // REST API Developer Guide: Query Options Header: batchSize is 200 to 2,000.
    return Math.min(DEFAULT_BATCH_SIZE, Math.max(200, size));
}

function compile(org: OrgRuntime, soql: string, version: string): CompiledQuery {
    try {
        return compileQuery(soql, org.store.schema, {
            apiVersion: version,
            resolveFormula: ({ object, field, recordId }) =>
                org.store.formulaValue(object.name, field.name, recordId)
        });
    } catch (error) {
        if (error instanceof SoqlError) {
            throw new ApiError(400, error.errorCode, error.message);
        }
        throw error;
    }
}

function page(
    org: OrgRuntime,
    cursor: Cursor,
    locator: string | undefined,
    offset: number
): RestReply {
    const { compiled } = cursor;
    const statement = compiled.page(offset, cursor.batchSize);
    const rows = org.store.db.prepare(statement.sql).all(...statement.params) as Record<
        string,
        unknown
    >[];
    const records = rows.map((row) => compiled.toRecord(row));
    const next = offset + records.length;
    const done = next >= cursor.totalSize || records.length === 0;
    const body: Record<string, unknown> = { totalSize: cursor.totalSize, done, records };
    if (done) {
        if (locator) {
            org.cursors.close(locator);
        }
    } else {
        const openLocator = locator ?? org.cursors.open(cursor);
        body.nextRecordsUrl = `/services/data/v${cursor.version}/query/${openLocator}-${next}`;
    }
    return { status: 200, body };
}

/** GET /query?q=... and /queryAll?q=... */
export function runQuery(
    request: RestRequest,
    org: OrgRuntime,
    headers: Record<string, string | string[] | undefined>
): RestReply {
    const soql = request.query.get('q');
    if (!soql) {
        throw new ApiError(
            400,
            'MALFORMED_QUERY',
            'The query parameter q is missing; send GET /query?q=SELECT+Id+FROM+User.'
        );
    }
    const compiled = compile(org, soql, request.version);
    if (request.query.get('columns') === 'true') {
        return queryColumns(org, soql);
    }
    if (compiled.countOnly) {
        const row = org.store.db.prepare(compiled.sql).get(...compiled.params) as Record<
            string,
            unknown
        >;
        return {
            status: 200,
            body: { totalSize: Number(row[TOTAL_SIZE_COLUMN]), done: true, records: [] }
        };
    }
    const countSql = `SELECT COUNT(*) AS ${quoteIdentifier('n')} FROM (${compiled.sql})`;
    const counted = org.store.db.prepare(countSql).get(...compiled.params) as { n: number };
    const options = headers['sforce-query-options'];
    const cursor: Cursor = {
        compiled,
        openedAt: Date.now(),
        totalSize: Number(counted.n),
        batchSize: batchSize(Array.isArray(options) ? options[0] : options),
        version: request.version
    };
    return page(org, cursor, undefined, 0);
}

/** GET /query/<locator>-<offset>: the next page of an open cursor. */
export function queryMore(request: RestRequest, org: OrgRuntime, token: string): RestReply {
    const match = /^(0r8[A-Za-z0-9]+)-(\d+)$/.exec(token);
    const cursor = match ? org.cursors.get(match[1] ?? '') : undefined;
    if (!match || !cursor) {
        throw new ApiError(
            400,
            'INVALID_QUERY_LOCATOR',
            `invalid query locator ${token}: the cursor is unknown, finished, older than 2 days, or was dropped because more than ${MAX_OPEN_CURSORS} were open. Run the query again.`
        );
    }
    return page(org, cursor, match[1], Number(match[2]));
}
