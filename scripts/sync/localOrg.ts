/**
 * The embedded local default: with no org given, the job starts the
 * project's local stand-in for a Salesforce org in-process, so a newcomer's
 * first `npm run sync` works with nothing set up and sends nothing off
 * this machine.
 */
import path from 'node:path';
import { findProjectRoot } from '../lib/projectRoot';
import { startOrg, type LocalOrg } from '../org/org';
import type { OrgAuth } from './salesforce/connect';

/** The shipped sample export, relative to the project root. */
export const SAMPLE_EXPORT = 'samples/natterbox-subscriptions.json';

/** Returns the absolute path of the shipped sample export. */
export function sampleExportPath(): string {
    return path.join(findProjectRoot(), SAMPLE_EXPORT);
}

/** Starts the local org with its sample seed and returns it with the auth to reach it. */
export async function startLocalDefaultOrg(): Promise<{ org: LocalOrg; auth: OrgAuth }> {
    const org = await startOrg({
        seed: 'sample',
        metadataFolder: findProjectRoot(),
        logError: () => undefined
    });
    return {
        org,
        auth: { kind: 'access-token', instanceUrl: org.instanceUrl, accessToken: org.accessToken }
    };
}
