/**
 * `npm run org -- [--port 4010] [--data file.db] [--seed none|sample]`:
 * runs the local org in the foreground until SIGINT or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { findProjectRoot } from '../lib/projectRoot';
import { startOrg, type StartOrgOptions } from './org';

export { startOrg } from './org';
export type { LocalOrg, OrgSeeder, StartOrgOptions } from './org';

/** Port the command line uses when `--port` is not given. */
export const DEFAULT_PORT = 4010;

const USAGE = `Usage: npm run org -- [options]
  --port N          TCP port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free port)
  --data FILE       SQLite file to keep records in (default: in memory, lost on exit)
  --seed KIND       none or sample (default none); sample seeds 40 users once per data file
  --users N         users the sample seed creates (default 40)
  --token TOKEN     access token to accept (default: generated and printed)
  --jwt-key FILE    PEM public key or certificate for the JWT bearer flow
  --help            print this text`;

/** Raised for invalid command-line options. */
export class UsageError extends Error {
    constructor(message: string) {
        super(`${message}\n${USAGE}`);
        this.name = 'UsageError';
    }
}

/** Parses command-line arguments into startOrg options. */
export function parseOrgArguments(argv: string[]): StartOrgOptions | 'help' {
    const { values } = parseArgs({
        args: argv,
        options: {
            port: { type: 'string' },
            data: { type: 'string' },
            seed: { type: 'string' },
            users: { type: 'string' },
            token: { type: 'string' },
            'jwt-key': { type: 'string' },
            help: { type: 'boolean' }
        },
        strict: true
    });
    if (values.help) {
        return 'help';
    }
    const port = Number(values.port ?? DEFAULT_PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`Invalid --port ${values.port}: use an integer from 0 to 65535.`);
    }
    const seed = values.seed ?? 'none';
    if (seed !== 'none' && seed !== 'sample') {
        throw new UsageError(`Invalid --seed ${seed}: use none or sample.`);
    }
    const users = values.users === undefined ? undefined : Number(values.users);
    if (users !== undefined && (!Number.isInteger(users) || users < 0)) {
        throw new UsageError(`Invalid --users ${values.users}: use a non-negative integer.`);
    }
    return {
        port,
        dataFile: values.data,
        seed,
        sampleOptions: users === undefined ? undefined : { users },
        accessToken: values.token,
        jwtPublicKey: values['jwt-key']
    };
}

async function main(): Promise<void> {
    const parsed = parseOrgArguments(process.argv.slice(2));
    if (parsed === 'help') {
        console.log(USAGE);
        return;
    }
    const org = await startOrg({ ...parsed, metadataFolder: findProjectRoot() });
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
