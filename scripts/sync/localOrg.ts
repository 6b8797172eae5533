/**
 * The embedded local default: with no org given, the job starts the
 * project's local stand-in for a Salesforce org in-process, so a newcomer's
 * first `npm run sync` works with nothing set up and sends nothing off
 * this machine.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startOrg, type LocalOrg } from '../org/org';
import type { OrgAuth } from './salesforce/connect';

/** The shipped sample export, relative to the project root. */
export const SAMPLE_EXPORT = 'samples/natterbox-subscriptions.json';

/**
 * Finds the project root (the folder with sfdx-project.json) above the
 * running script, else above the working directory. It avoids
 * `import.meta.url`, which the Jest node project's CommonJS transform
 * rejects, so the same code runs bundled and under Jest.
 */
export function projectRoot(): string {
    const starts = [
        process.argv[1] ? path.dirname(path.resolve(process.argv[1])) : undefined,
        process.cwd()
    ];
    for (const start of starts) {
        for (let folder = start; folder !== undefined;) {
            if (existsSync(path.join(folder, 'sfdx-project.json'))) {
                return folder;
            }
            const parent = path.dirname(folder);
            folder = parent === folder ? undefined : parent;
        }
    }
    throw new Error(
        'No sfdx-project.json was found above the script or the working directory. Run the job from the project.'
    );
}

/** Returns the absolute path of the shipped sample export. */
export function sampleExportPath(): string {
    return path.join(projectRoot(), SAMPLE_EXPORT);
}

/** Starts the local org with its sample seed and returns it with the auth to reach it. */
export async function startLocalDefaultOrg(): Promise<{ org: LocalOrg; auth: OrgAuth }> {
    const org = await startOrg({
        seed: 'sample',
        metadataFolder: projectRoot(),
        logError: () => undefined
    });
    return {
        org,
        auth: { kind: 'access-token', instanceUrl: org.instanceUrl, accessToken: org.accessToken }
    };
}
