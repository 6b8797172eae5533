/** Request and reply shapes shared by the REST route handlers. */
import type { ApiAccounting } from '../accounting';
import type { Session, TokenRegistry } from '../auth';
import type { FaultInjector } from '../faults';
import type { OrgStore } from '../store/store';
import type { QueryCursors } from '../routes/query';

/** A parsed REST request under `/services/data/vXX.X/`. */
export interface RestRequest {
    method: string;
    /** Path segments after the version, URL-decoded. */
    segments: string[];
    /** API version without the `v`, for example `64.0`. */
    version: string;
    query: URLSearchParams;
    body: unknown;
    session: Session;
    /** Path and query as the client sent them, for faults and logs. */
    path: string;
}

/** A handler's result, which the server writes as JSON. */
export interface RestReply {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
}

/** Everything a handler may use. */
export interface OrgRuntime {
    store: OrgStore;
    accounting: ApiAccounting;
    faults: FaultInjector;
    tokens: TokenRegistry;
    cursors: QueryCursors;
    instanceUrl: string;
    organizationId: string;
    adminUserId: string;
}

/** A REST route handler. */
export type RestHandler = (request: RestRequest, org: OrgRuntime) => RestReply;
