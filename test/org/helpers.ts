/** Shared setup for the local org tests: an org on port 0 with the fixture metadata, and a jsforce connection to it. */
import './nativeDispose';
import path from 'node:path';
import { Connection } from 'jsforce';
import { startOrg, type LocalOrg, type StartOrgOptions } from '../../scripts/org/org';

/** The fixture DX metadata folder these tests load. */
export const FIXTURE_OBJECTS = path.join(__dirname, 'fixtures', 'objects');

/** Starts an org on a free port with the fixture schema. */
export function startFixtureOrg(options: StartOrgOptions = {}): Promise<LocalOrg> {
    return startOrg({ metadataFolder: FIXTURE_OBJECTS, logError: () => undefined, ...options });
}

/** Opens a jsforce connection with the org's access token at API 64.0. */
export function connect(org: LocalOrg): Connection {
    return new Connection({
        instanceUrl: org.instanceUrl,
        accessToken: org.accessToken,
        version: '64.0'
    });
}

/** Returns the request log entries after position `from`. */
export function requestsSince(org: LocalOrg, from: number): LocalOrg['requestLog'] {
    return org.requestLog.slice(from);
}
