/**
 * Command-line options of `npm run org`, kept apart from the entry point
 * so tests can import them (the entry point reads `import.meta.url`,
 * which the Jest transform rejects).
 */
import { parseArgs } from 'node:util';
import type { StartOrgOptions } from './org';

/** Port the command line uses when `--port` is not given. */
export const DEFAULT_PORT = 4010;

export const USAGE = `Usage: npm run org -- [options]
  --port N          TCP port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free port)
  --data FILE       SQLite file to keep records in (default: in memory, lost on exit)
  --seed KIND       none or sample (default none); sample seeds 40 users once per data file
  --users N         users the sample seed creates (default 40)
  --token TOKEN     access token to accept (default: generated and printed)
  --jwt-key FILE    PEM public key or certificate for the JWT bearer flow
  --metadata DIR    DX project or objects folder to read the schema from (default: this project)
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
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            options: {
                port: { type: 'string' },
                data: { type: 'string' },
                seed: { type: 'string' },
                users: { type: 'string' },
                token: { type: 'string' },
                'jwt-key': { type: 'string' },
                metadata: { type: 'string' },
                help: { type: 'boolean' }
            },
            strict: true
        });
    } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const { values } = parsed;
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
        jwtPublicKey: values['jwt-key'],
        metadataFolder: values.metadata
    };
}

/**
 * Describes a listen failure on a port that another process holds, with the
 * fix. Returns undefined for any other error, so the caller reports it as is.
 */
export function describePortInUse(error: unknown, port: number): string | undefined {
    if ((error as { code?: unknown }).code !== 'EADDRINUSE') {
        return undefined;
    }
    return (
        `Port ${port} on 127.0.0.1 is already in use by another process. ` +
        'Pass --port <other> to use another port, or --port 0 to pick a free one.'
    );
}
