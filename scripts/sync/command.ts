/**
 * The sync command: parses flags, runs the sync (once, or serving requests
 * under `--watch`) and prints a seat table or JSON. Returns the exit code
 * instead of exiting, so tests can run it in-process.
 */
import { EXIT_CODES, SyncError } from './errors';
import { HELP, parseCommandOptions, type CommandOptions } from './flags';
import { formatSyncResult } from './format';
import { startLocalDefaultOrg, sampleExportPath, SAMPLE_EXPORT } from './localOrg';
import { createLogger, type Logger } from './log';
import { prepareSource, type SourceSpec } from './prepare';
import { errorsOf, failedResult, type SyncResult } from './result';
import { openConnection, type OrgAuth } from './salesforce/connect';
import { OrgGateway } from './salesforce/gateway';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './salesforce/retry';
import { syncToOrg } from './run';
import { watchRequests } from './watch';

/** Output callbacks of runSyncCommand, and hooks for tests. */
export interface CommandIo {
    stdout: (text: string) => void;
    stderr: (line: string) => void;
    /** Aborting stops `--watch`; the CLI aborts it on SIGINT. */
    signal?: AbortSignal;
    retryPolicy?: RetryPolicy;
}

/** Runs the sync command and returns its exit code (see docs/sync.md). */
export async function runSyncCommand(
    argv: readonly string[],
    env: Readonly<Record<string, string | undefined>>,
    io: CommandIo
): Promise<number> {
    const logger = createLogger({
        write: io.stderr,
        level: argv.includes('--verbose') ? 'debug' : 'info'
    });
    for (const name of [
        'SF_ACCESS_TOKEN',
        'SF_REFRESH_TOKEN',
        'SF_CLIENT_SECRET',
        'NATTERBOX_CLIENT_SECRET'
    ]) {
        logger.addSecret(env[name]);
    }
    let options: CommandOptions | undefined;
    const run: RunState = {};
    try {
        options = parseCommandOptions(argv, env);
        if (options.help) {
            io.stdout(`${HELP}\n`);
            return EXIT_CODES.ok;
        }
        if (options.ignoredVariables.length > 0) {
            logger.warn(
                `Ignoring ${options.ignoredVariables.join(', ')}, because ${describeAuth(options)} takes precedence.`
            );
        }
        return await runWithOptions(options, logger, io, run);
    } catch (error) {
        return reportFailure(error, options, argv, logger, io, run.gateway?.apiCalls ?? 0);
    }
}

/** The parts of a run opened so far, so a failure can still report the API calls it made. */
interface RunState {
    gateway?: OrgGateway;
}

async function runWithOptions(
    options: CommandOptions,
    logger: Logger,
    io: CommandIo,
    run: RunState
): Promise<number> {
    const sourceSpec: SourceSpec = options.source ?? { kind: 'file', path: sampleExportPath() };
    const load = () =>
        prepareSource(
            sourceSpec,
            { allowEmpty: options.allowEmpty, extraAliases: options.extraAliases },
            logger
        );

    if (!options.auth) {
        const source = options.source ? 'the given source' : `the sample export ${SAMPLE_EXPORT}`;
        logger.info(
            `No org given, so the job runs on an in-process local org with sample data and syncs ${source}. ` +
                'Nothing leaves this machine. Pass --target-org ALIAS (or SF_INSTANCE_URL and SF_ACCESS_TOKEN) to sync a real org.'
        );
    }
    // Validate the source before connecting: bad input must stop the run with nothing written.
    // Under --watch each request reloads the source. A file is still checked once at start, so a
    // wrong path stops the watcher at once instead of failing every request. Natterbox is only
    // called when a request arrives.
    const prepared = options.watch && sourceSpec.kind === 'natterbox' ? undefined : await load();

    let auth: OrgAuth;
    let closeLocalOrg: (() => Promise<void>) | undefined;
    if (options.auth) {
        auth = options.auth;
    } else {
        const local = await startLocalDefaultOrg();
        auth = local.auth;
        closeLocalOrg = () => local.org.close();
        logger.info(`Started the local org at ${local.org.instanceUrl}.`);
    }
    try {
        const connection = await openConnection(auth, options.apiVersion, logger);
        const gateway = new OrgGateway(
            connection.conn,
            logger,
            io.retryPolicy ?? DEFAULT_RETRY_POLICY
        );
        run.gateway = gateway;
        // No request has been sent yet (except a JWT token request), so this line does not claim a connection.
        logger.info(
            `Using the org at ${connection.conn.instanceUrl} (API ${options.apiVersion}, ${connection.authDescription}).`
        );
        if (options.watch) {
            await watchRequests(
                gateway,
                load,
                {
                    pollIntervalSeconds: options.pollIntervalSeconds,
                    releaseInactive: options.releaseInactive,
                    signal: io.signal ?? new AbortController().signal,
                    ...(connection.orgId ? { orgId: connection.orgId } : {}),
                    onResult: (_request, result) => printResult(result, options, logger, io)
                },
                logger
            );
            return EXIT_CODES.ok;
        }
        const result = await syncToOrg(
            gateway,
            prepared as NonNullable<typeof prepared>,
            {
                dryRun: options.dryRun,
                releaseInactive: options.releaseInactive,
                ...(connection.orgId ? { orgId: connection.orgId } : {})
            },
            logger
        );
        printResult(result, options, logger, io);
        return result.status === 'Succeeded' ? EXIT_CODES.ok : EXIT_CODES.failed;
    } finally {
        await closeLocalOrg?.();
    }
}

function printResult(
    result: SyncResult,
    options: CommandOptions,
    logger: Logger,
    io: CommandIo
): void {
    // Under --watch each served request prints one JSON line, so a consumer can read them as a stream.
    const json = options.watch ? JSON.stringify(result) : JSON.stringify(result, null, 2);
    const text = options.json ? json : formatSyncResult(result);
    io.stdout(`${logger.redact(text)}\n`);
}

function describeAuth(options: CommandOptions): string {
    return options.auth?.kind === 'target-org' ? '--target-org' : 'the JWT key file';
}

/**
 * Logs the error and, under --json, prints the failed result. When the flags
 * themselves are invalid, `options` is undefined and argv shows whether
 * --json and --dry-run were given.
 */
function reportFailure(
    error: unknown,
    options: CommandOptions | undefined,
    argv: readonly string[],
    logger: Logger,
    io: CommandIo,
    apiCalls: number
): number {
    const exitCode = error instanceof SyncError ? error.exitCode : EXIT_CODES.failed;
    // The log keeps the stack for debugging, and the JSON result carries only the message.
    logger.error(
        error instanceof SyncError
            ? error.message
            : `Unexpected error: ${(error as Error).stack ?? String(error)}`
    );
    const json = options?.json ?? argv.includes('--json');
    if (json) {
        const failed = failedResult(options?.dryRun ?? argv.includes('--dry-run'), errorsOf(error));
        failed.apiCalls = apiCalls;
        // Under --watch the output is a stream of one-line results, so the last one stays on one line too.
        const text = options?.watch ? JSON.stringify(failed) : JSON.stringify(failed, null, 2);
        io.stdout(`${logger.redact(text)}\n`);
    }
    return exitCode;
}
