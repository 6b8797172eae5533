/**
 * Command-line flags of `npm run sync`, in the Salesforce CLI's style, and
 * how they combine with environment variables into one options object.
 */
import { parseArgs } from 'node:util';
import type { LicenseCode } from 'c/licenseRules';
import { baseUrlProblem } from '../natterbox/client';
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
  --json                    print the result as JSON instead of a table. Through npm, add -s
                            so npm's banner stays off stdout: npm run -s sync -- --json
  --verbose                 log debug lines to stderr
  --help                    show this text

Exit codes: 0 succeeded, 1 failed (per-record failures, API limit, auth failed or no stored
auth for --target-org), 2 invalid input (nothing written), 3 another sync run is in progress.`;

/** Everything the command needs, resolved from flags and environment. */
export interface CommandOptions {
    help: boolean;
    /** Undefined: run on the embedded local org. */
    auth: OrgAuth | undefined;
    /** Auth environment variables that the chosen auth method overrides. */
    ignoredVariables: string[];
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

/** Longest --poll-interval: a day. Longer waits overflow Node's timer and would fire at once. */
const MAX_POLL_INTERVAL_SECONDS = 86_400;

const FLAG_DEFINITIONS = {
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
} as const;

/** Parses argv and env; raises InvalidOptionsError with the fix for bad flags. */
export function parseCommandOptions(argv: readonly string[], env: Env): CommandOptions {
    let parsed;
    try {
        parsed = parseArgs({
            args: [...argv],
            allowPositionals: false,
            tokens: true,
            options: FLAG_DEFINITIONS
        });
    } catch (error) {
        throw new InvalidOptionsError(
            `${(error as Error).message}. Run with --help to list the flags.`
        );
    }
    checkFlagTokens(parsed.tokens);

    const values = parsed.values;
    if (values.help) {
        // --help prints the flags whatever else is given or set in the environment.
        return { ...HELP_ONLY_OPTIONS };
    }
    const apiVersion = values['api-version'] ?? '64.0';
    if (!/^\d{2,3}\.0$/.test(apiVersion)) {
        throw new InvalidOptionsError(
            `--api-version ${apiVersion} is invalid. Write it like 64.0.`
        );
    }

    const pollIntervalSeconds = Number(values['poll-interval']);
    if (
        !Number.isFinite(pollIntervalSeconds) ||
        pollIntervalSeconds <= 0 ||
        pollIntervalSeconds > MAX_POLL_INTERVAL_SECONDS
    ) {
        throw new InvalidOptionsError(
            `--poll-interval ${values['poll-interval']} is invalid. Give a number of seconds above 0 and at most ${MAX_POLL_INTERVAL_SECONDS}.`
        );
    }

    const watch = values.watch ?? false;
    const dryRun = values['dry-run'] ?? false;
    if (
        !watch &&
        parsed.tokens.some((token) => token.kind === 'option' && token.name === 'poll-interval')
    ) {
        throw new InvalidOptionsError(
            '--poll-interval applies only to --watch. Add --watch, or leave it out.'
        );
    }
    if (watch && dryRun) {
        throw new InvalidOptionsError(
            "--dry-run cannot be combined with --watch: under --watch each request's Dry_Run__c " +
                'decides whether it writes. Drop --dry-run, or run once without --watch.'
        );
    }

    const { auth, ignored } = resolveAuth(values, env);
    const source = resolveSource(values.source, env);
    if (auth !== undefined && source === undefined) {
        // The shipped sample export contains made-up seat counts, so it is only synced into the embedded local org.
        throw new InvalidOptionsError(
            'An org is given but no --source, so there is nothing to sync. Pass --source natterbox or --source FILE.'
        );
    }

    return {
        help: false,
        auth,
        ignoredVariables: ignored,
        apiVersion,
        source,
        extraAliases: values.aliases !== undefined ? loadAliasFile(values.aliases) : {},
        allowEmpty: values['allow-empty'] ?? false,
        dryRun,
        releaseInactive: values['release-inactive'] ?? false,
        watch,
        pollIntervalSeconds,
        json: values.json ?? false,
        verbose: values.verbose ?? false
    };
}

const HELP_ONLY_OPTIONS: CommandOptions = {
    help: true,
    auth: undefined,
    ignoredVariables: [],
    apiVersion: '64.0',
    source: undefined,
    extraAliases: {},
    allowEmpty: false,
    dryRun: false,
    releaseInactive: false,
    watch: false,
    pollIntervalSeconds: 10,
    json: false,
    verbose: false
};

type FlagToken = { kind: string; name?: string; rawName?: string; value?: string | undefined };

/**
 * Rejects a flag given twice (parseArgs would keep only the last value) and
 * a text flag with an empty value (`--source ""` would otherwise mean "no source").
 */
function checkFlagTokens(tokens: readonly FlagToken[]): void {
    const seen = new Set<string>();
    for (const token of tokens) {
        if (token.kind !== 'option' || token.name === undefined) {
            continue;
        }
        if (seen.has(token.name)) {
            throw new InvalidOptionsError(
                `${token.rawName ?? token.name} is given more than once. Give it once.`
            );
        }
        seen.add(token.name);
        if (token.value !== undefined && token.value.trim() === '') {
            throw new InvalidOptionsError(
                `${token.rawName ?? token.name} has an empty value. Give a value, or leave the flag out.`
            );
        }
    }
}

/** Flags that choose or sign in to an org other than through --target-org. */
const ORG_FLAGS = ['client-id', 'username', 'jwt-key-file', 'instance-url', 'audience'] as const;

/** Environment variables of the access token and JWT runs, in the order of docs/sync.md. */
const AUTH_VARIABLES = {
    jwt: ['SF_JWT_KEY_FILE'],
    'access-token': ['SF_ACCESS_TOKEN', 'SF_INSTANCE_URL']
} as const;

/**
 * Chooses the auth method: --target-org, then a JWT key file, then an access
 * token. Flags of two methods, or flags that pick no method, raise
 * InvalidOptionsError. Environment variables of a lower method are ignored
 * and named in `ignored`, so the command can warn about them.
 */
function resolveAuth(
    values: Record<string, string | boolean | undefined>,
    env: Env
): { auth: OrgAuth | undefined; ignored: string[] } {
    const text = (name: string) => {
        const value = values[name];
        return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const setVariables = (names: readonly string[]) => names.filter((name) => env[name]);
    checkOrgUrl('--instance-url', text('instance-url'));
    checkOrgUrl('SF_INSTANCE_URL', env.SF_INSTANCE_URL);
    checkOrgUrl('SF_LOGIN_URL', env.SF_LOGIN_URL);
    const targetOrg = text('target-org');
    if (targetOrg) {
        const mixed = ORG_FLAGS.filter((name) => text(name) !== undefined);
        if (mixed.length > 0) {
            throw new InvalidOptionsError(
                `--target-org cannot be combined with ${mixed.map((name) => `--${name}`).join(', ')}, ` +
                    "because the Salesforce CLI's stored auth already sets the org. Give one of them."
            );
        }
        return {
            auth: { kind: 'target-org', aliasOrUsername: targetOrg },
            ignored: setVariables([...AUTH_VARIABLES.jwt, ...AUTH_VARIABLES['access-token']])
        };
    }
    const keyFile = text('jwt-key-file') ?? env.SF_JWT_KEY_FILE;
    if (keyFile) {
        return {
            auth: resolveJwt(keyFile, text, env),
            ignored: setVariables(AUTH_VARIABLES['access-token'])
        };
    }
    const jwtOnly = ['username', 'audience'].filter((name) => text(name) !== undefined);
    if (jwtOnly.length > 0) {
        throw new InvalidOptionsError(
            `${jwtOnly.map((name) => `--${name}`).join(' and ')} apply only to the JWT bearer flow. ` +
                'Add --jwt-key-file (or SF_JWT_KEY_FILE), or leave them out.'
        );
    }
    const instanceUrl = text('instance-url') ?? env.SF_INSTANCE_URL;
    const accessToken = env.SF_ACCESS_TOKEN;
    if (accessToken || instanceUrl) {
        if (!instanceUrl || !accessToken) {
            throw new InvalidOptionsError(
                'An access token run needs both SF_INSTANCE_URL (or --instance-url) and SF_ACCESS_TOKEN, and one of them is missing.'
            );
        }
        return {
            auth: {
                kind: 'access-token',
                instanceUrl,
                accessToken,
                refreshToken: env.SF_REFRESH_TOKEN || undefined,
                clientId: text('client-id') ?? (env.SF_CLIENT_ID || undefined),
                clientSecret: env.SF_CLIENT_SECRET || undefined
            },
            ignored: []
        };
    }
    if (text('client-id') !== undefined) {
        throw new InvalidOptionsError(
            '--client-id selects no org by itself. Add --jwt-key-file for the JWT bearer flow, or ' +
                'SF_INSTANCE_URL and SF_ACCESS_TOKEN for an access token run.'
        );
    }
    return { auth: undefined, ignored: [] };
}

function checkOrgUrl(name: string, url: string | undefined): void {
    const problem = url === undefined || url === '' ? undefined : baseUrlProblem(url);
    if (problem !== undefined) {
        throw new InvalidOptionsError(`${name} ${problem}.`);
    }
}

function resolveJwt(
    keyFile: string,
    text: (name: string) => string | undefined,
    env: Env
): OrgAuth {
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
    const audience = text('audience');
    return {
        kind: 'jwt',
        clientId,
        username,
        loginUrl,
        privateKey: readPrivateKey(keyFile),
        ...(audience ? { audience } : {})
    };
}

function resolveSource(source: string | undefined, env: Env): SourceSpec | undefined {
    if (source === undefined) {
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
    const problem = baseUrlProblem(env.NATTERBOX_BASE_URL as string);
    if (problem !== undefined) {
        throw new InvalidOptionsError(`NATTERBOX_BASE_URL ${problem}.`);
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
