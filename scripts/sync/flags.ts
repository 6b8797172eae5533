/**
 * Command-line flags of `npm run sync`, in the Salesforce CLI's style, and
 * how they combine with environment variables into one options object.
 */
import { parseArgs } from 'node:util';
import type { LicenseCode } from 'c/licenseRules';
import { loadAliasFile } from './aliases';
import { InvalidOptionsError } from './errors';
import { readPrivateKey, type OrgAuth } from './salesforce/connect';
import type { SourceSpec } from './prepare';

/** Help text printed by `--help`. */
export const HELP = `Usage: npm run sync -- [flags]

Mirrors the Natterbox subscriptions into the org, counts seats and records the run.
With no org and no source it runs on an in-process local org with the shipped sample export.

Org (one of):
  --target-org ALIAS        Salesforce CLI alias or username (uses the CLI's stored auth)
  SF_INSTANCE_URL + SF_ACCESS_TOKEN
                            environment variables; add SF_REFRESH_TOKEN and SF_CLIENT_ID
                            (and SF_CLIENT_SECRET) to refresh an expired session
  --client-id ID --username USER --jwt-key-file FILE --instance-url URL
                            OAuth 2.0 JWT bearer flow for unattended runs (env SF_CLIENT_ID,
                            SF_USERNAME, SF_JWT_KEY_FILE, SF_LOGIN_URL); --instance-url is the
                            login URL the token request goes to; --audience sets the JWT aud
                            claim (default: the login URL)
  --api-version N           REST API version (default 64.0)

Source:
  --source natterbox        the Natterbox API (env NATTERBOX_BASE_URL, NATTERBOX_CLIENT_ID,
                            NATTERBOX_CLIENT_SECRET)
  --source PATH             a JSON or CSV export file
  --aliases PATH            JSON object of extra Natterbox name to license code mappings
  --allow-empty             accept a source with no subscriptions

Behaviour:
  --dry-run                 read and plan, write nothing
  --release-inactive        remove the licenses held by inactive users (listed in the report)
  --watch                   keep running and serve Reload Subscriptions requests until Ctrl-C
  --poll-interval SECONDS   how often --watch looks for requests (default 10)
  --json                    print the result as JSON instead of a table
  --verbose                 log debug lines to stderr
  --help                    show this text

Exit codes: 0 succeeded, 1 failed (per-record failures, API limit, auth), 2 invalid input
(nothing written), 3 another sync run is in progress.`;

/** Everything the command needs, resolved from flags and environment. */
export interface CommandOptions {
    help: boolean;
    /** Undefined: run on the embedded local org. */
    auth: OrgAuth | undefined;
    apiVersion: string;
    /** Undefined: the shipped sample export. */
    source: SourceSpec | undefined;
    extraAliases: Record<string, LicenseCode>;
    allowEmpty: boolean;
    dryRun: boolean;
    releaseInactive: boolean;
    watch: boolean;
    pollIntervalSeconds: number;
    json: boolean;
    verbose: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Parses argv and env; raises InvalidOptionsError with the fix for bad flags. */
export function parseCommandOptions(argv: readonly string[], env: Env): CommandOptions {
    let values;
    try {
        values = parseArgs({
            args: [...argv],
            allowPositionals: false,
            options: {
                'target-org': { type: 'string' },
                'api-version': { type: 'string', default: '64.0' },
                'client-id': { type: 'string' },
                username: { type: 'string' },
                'jwt-key-file': { type: 'string' },
                'instance-url': { type: 'string' },
                audience: { type: 'string' },
                source: { type: 'string' },
                aliases: { type: 'string' },
                'allow-empty': { type: 'boolean', default: false },
                'dry-run': { type: 'boolean', default: false },
                'release-inactive': { type: 'boolean', default: false },
                watch: { type: 'boolean', default: false },
                'poll-interval': { type: 'string', default: '10' },
                json: { type: 'boolean', default: false },
                verbose: { type: 'boolean', default: false },
                help: { type: 'boolean', default: false }
            }
        }).values;
    } catch (error) {
        throw new InvalidOptionsError(
            `${(error as Error).message}. Run with --help to list the flags.`
        );
    }
    const apiVersion = values['api-version'] ?? '64.0';
    if (!/^\d{2,3}\.0$/.test(apiVersion)) {
        throw new InvalidOptionsError(
            `--api-version ${apiVersion} is invalid. Write it like 64.0.`
        );
    }
    const pollIntervalSeconds = Number(values['poll-interval']);
    if (!Number.isFinite(pollIntervalSeconds) || pollIntervalSeconds <= 0) {
        throw new InvalidOptionsError(
            `--poll-interval ${values['poll-interval']} is invalid. Give a number of seconds above 0.`
        );
    }
    return {
        help: values.help ?? false,
        auth: resolveAuth(values, env),
        apiVersion,
        source: resolveSource(values.source, env),
        extraAliases: values.aliases ? loadAliasFile(values.aliases) : {},
        allowEmpty: values['allow-empty'] ?? false,
        dryRun: values['dry-run'] ?? false,
        releaseInactive: values['release-inactive'] ?? false,
        watch: values.watch ?? false,
        pollIntervalSeconds,
        json: values.json ?? false,
        verbose: values.verbose ?? false
    };
}

function resolveAuth(
    values: Record<string, string | boolean | undefined>,
    env: Env
): OrgAuth | undefined {
    const text = (name: string) => {
        const value = values[name];
        return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const targetOrg = text('target-org');
    if (targetOrg) {
        return { kind: 'target-org', aliasOrUsername: targetOrg };
    }
    const keyFile = text('jwt-key-file') ?? env.SF_JWT_KEY_FILE;
    if (keyFile) {
        const clientId = text('client-id') ?? env.SF_CLIENT_ID;
        const username = text('username') ?? env.SF_USERNAME;
        const loginUrl = text('instance-url') ?? env.SF_LOGIN_URL;
        const missing = [
            clientId ? undefined : '--client-id (or SF_CLIENT_ID)',
            username ? undefined : '--username (or SF_USERNAME)',
            loginUrl ? undefined : '--instance-url (or SF_LOGIN_URL)'
        ].filter((name) => name !== undefined);
        if (missing.length > 0 || !clientId || !username || !loginUrl) {
            throw new InvalidOptionsError(
                `The JWT bearer flow needs ${missing.join(', ')} besides the key file.`
            );
        }
        return {
            kind: 'jwt',
            clientId,
            username,
            loginUrl,
            privateKey: readPrivateKey(keyFile),
            ...(text('audience') ? { audience: text('audience') } : {})
        };
    }
    const instanceUrl = text('instance-url') ?? env.SF_INSTANCE_URL;
    const accessToken = env.SF_ACCESS_TOKEN;
    if (accessToken || env.SF_INSTANCE_URL) {
        if (!instanceUrl || !accessToken) {
            throw new InvalidOptionsError(
                'An access token run needs both SF_INSTANCE_URL and SF_ACCESS_TOKEN, and one of them is missing.'
            );
        }
        return {
            kind: 'access-token',
            instanceUrl,
            accessToken,
            refreshToken: env.SF_REFRESH_TOKEN || undefined,
            clientId: text('client-id') ?? (env.SF_CLIENT_ID || undefined),
            clientSecret: env.SF_CLIENT_SECRET || undefined
        };
    }
    return undefined;
}

function resolveSource(source: string | undefined, env: Env): SourceSpec | undefined {
    if (source === undefined || source === '') {
        return undefined;
    }
    if (source !== 'natterbox') {
        return { kind: 'file', path: source };
    }
    const missing = ['NATTERBOX_BASE_URL', 'NATTERBOX_CLIENT_ID', 'NATTERBOX_CLIENT_SECRET'].filter(
        (name) => !env[name]
    );
    if (missing.length > 0) {
        throw new InvalidOptionsError(
            `--source natterbox needs the environment variable(s) ${missing.join(', ')}.`
        );
    }
    return {
        kind: 'natterbox',
        client: {
            baseUrl: env.NATTERBOX_BASE_URL as string,
            clientId: env.NATTERBOX_CLIENT_ID as string,
            clientSecret: env.NATTERBOX_CLIENT_SECRET as string
        }
    };
}
