/**
 * `npm run org -- [--port 4010] [--data file.db] [--seed none|sample]`:
 * runs the local org in the foreground until SIGINT or SIGTERM.
 */
import { findProjectRoot } from '../lib/projectRoot';
import { describePortInUse, parseOrgArguments, USAGE } from './cli';
import { startOrg } from './org';

export { startOrg } from './org';
export type { LocalOrg, OrgSeeder, StartOrgOptions } from './org';
export { DEFAULT_PORT, parseOrgArguments, UsageError } from './cli';

async function main(): Promise<void> {
    const parsed = parseOrgArguments(process.argv.slice(2));
    if (parsed === 'help') {
        console.log(USAGE);
        return;
    }
    let org;
    try {
        org = await startOrg({
            ...parsed,
            metadataFolder: parsed.metadataFolder ?? findProjectRoot()
        });
    } catch (error) {
        const portInUse = describePortInUse(error, parsed.port ?? 0);
        if (portInUse === undefined) {
            throw error;
        }
        console.error(`local org: ${portInUse}`);
        process.exit(1);
    }
    console.log(`local org listening (test and demo infrastructure, not Salesforce)`);
    console.log(`instance URL:  ${org.instanceUrl}`);
    console.log(`access token:  ${org.accessToken}`);
    console.log(`refresh token: ${org.refreshToken}`);
    console.log(`admin user:    ${org.adminUserId}`);
    const stop = (signal: string) => {
        console.log(`local org: ${signal} received, stopping`);
        org.close().then(
            () => process.exit(0),
            (error: unknown) => {
                console.error(`local org: stop failed: ${String(error)}`);
                process.exit(1);
            }
        );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
}

// Run only as the bundled entry point, not when tests import this module.
if (process.argv[1] && /(?:^|[\\/])org\.js$/.test(process.argv[1])) {
    main().catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
    });
}
