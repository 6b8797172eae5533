/**
 * Starts a local org in-process: the SQLite store, the HTTP server on
 * 127.0.0.1 and the handles tests use (request log, faults, limits,
 * direct seeding).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApiAccounting, type ApiLimits, type RequestLogEntry } from './accounting';
import { newToken, readPublicKey, TokenRegistry } from './auth';
import { FaultInjector } from './faults';
import type { RecordValues } from './formulas';
import { createOrgServer } from './http/server';
import type { OrgRuntime } from './http/types';
import { QueryCursors } from './routes/query';
import { loadOrgSchema } from './schema/build';
import type { OrgSchema } from './schema/types';
import {
    ensureBaseRecords,
    insertRecords,
    seedSampleData,
    type BaseRecords,
    type SampleOptions,
    type SampleSummary
} from './seed';
import { OrgStore } from './store/store';

/** Options of {@link startOrg}. */
export interface StartOrgOptions {
    /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
    port?: number;
    /** SQLite file; in memory when absent. */
    dataFile?: string;
    /** Schema to serve; read from `metadataFolder` when absent. */
    schema?: OrgSchema;
    /**
     * DX project folder or `objects` folder to read metadata from. Default:
     * the current directory's force-app when it exists.
     */
    metadataFolder?: string;
    /** `sample` seeds users, subscriptions and license records once per database (default `none`). */
    seed?: 'none' | 'sample';
    sampleOptions?: SampleOptions;
    /** Access token to accept for the admin user; generated when absent. */
    accessToken?: string;
    /** Refresh token to accept at /services/oauth2/token; generated when absent. */
    refreshToken?: string;
    /** Consumer key that OAuth requests must carry; any is accepted when absent. */
    clientId?: string;
    /** PEM public key or certificate that JWT bearer assertions must be signed with. */
    jwtPublicKey?: string;
    /** Daily API request limit (default 15,000). */
    dailyApiRequests?: number;
    organizationName?: string;
    /** Receives server errors; default console.error. */
    logError?: (message: string) => void;
}

/** Direct record access for test setup, without HTTP or API accounting. */
export interface OrgSeeder {
    /** Inserts records without validation rules or lookup checks; returns their IDs. */
    insert(objectName: string, records: RecordValues[]): string[];
    /** Seeds the sample data set into this org. */
    sample(options?: SampleOptions): SampleSummary;
}

/** A running local org. */
export interface LocalOrg {
    /** `http://127.0.0.1:<port>`. */
    instanceUrl: string;
    accessToken: string;
    refreshToken: string;
    port: number;
    /** Every request handled so far, in order. */
    requestLog: RequestLogEntry[];
    faults: FaultInjector;
    store: OrgStore;
    seed: OrgSeeder;
    organizationId: string;
    adminUserId: string;
    base: BaseRecords;
    /** Sets the daily API limit and/or the used count. */
    setLimits(limits: Partial<ApiLimits>): void;
    /** Returns the logged requests that counted as API calls. */
    apiCalls(): RequestLogEntry[];
    /** Stops the server and closes the database. */
    close(): Promise<void>;
}

function defaultSchema(options: StartOrgOptions): OrgSchema {
    if (options.schema) {
        return options.schema;
    }
    const folder = options.metadataFolder ?? process.cwd();
    const objects = path.join(folder, 'force-app', 'main', 'default', 'objects');
    if (!options.metadataFolder && !existsSync(objects)) {
        throw new Error(
            `No metadata found: ${objects} does not exist. Pass metadataFolder or schema to startOrg, or run from the project root.`
        );
    }
    return loadOrgSchema(folder);
}

function readKey(value: string | undefined): string | undefined {
    if (value === undefined) {
        return undefined;
    }
    return value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');
}

/** Starts a local org and resolves once it listens. */
export async function startOrg(options: StartOrgOptions = {}): Promise<LocalOrg> {
    const store = new OrgStore(defaultSchema(options), options.dataFile ?? ':memory:');
    const base = ensureBaseRecords(store, options.organizationName ?? 'Local Natterbox Org');
    const accounting = new ApiAccounting(options.dailyApiRequests);
    const faults = new FaultInjector();
    const tokens = new TokenRegistry();
    const accessToken = options.accessToken ?? newToken(base.organizationId);
    const refreshToken = options.refreshToken ?? newToken(base.organizationId).replace('!', '.');
    tokens.addAccessToken(accessToken, { userId: base.adminUserId });
    tokens.addRefreshToken(refreshToken, { userId: base.adminUserId });
    const runtime: OrgRuntime = {
        store,
        accounting,
        faults,
        tokens,
        cursors: new QueryCursors(),
        instanceUrl: '',
        organizationId: base.organizationId,
        adminUserId: base.adminUserId
    };
    const jwtKey = readKey(options.jwtPublicKey);
    const server = createOrgServer(runtime, {
        oauth: {
            clientId: options.clientId,
            jwtPublicKey: jwtKey ? readPublicKey(jwtKey) : undefined
        },
        logError: options.logError ?? ((message) => console.error(message))
    });
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    runtime.instanceUrl = `http://127.0.0.1:${port}`;
    const seeder: OrgSeeder = {
        insert: (objectName, records) => insertRecords(store, objectName, records),
        sample: (sampleOptions) => seedSampleData(store, base, sampleOptions)
    };
    if (options.seed === 'sample' && store.count('User') <= 1) {
        seeder.sample(options.sampleOptions);
    }
    return {
        instanceUrl: runtime.instanceUrl,
        accessToken,
        refreshToken,
        port,
        requestLog: accounting.requestLog,
        faults,
        store,
        seed: seeder,
        organizationId: base.organizationId,
        adminUserId: base.adminUserId,
        base,
        setLimits: (limits) => accounting.setLimits(limits),
        apiCalls: () => accounting.apiCalls(),
        close: () =>
            new Promise<void>((resolve, reject) => {
                server.closeAllConnections();
                server.close((error) => {
                    store.close();
                    if (error) {
                        reject(error);
                    } else {
                        resolve();
                    }
                });
            })
    };
}
