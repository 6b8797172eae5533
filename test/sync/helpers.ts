/**
 * Shared setup of the sync job's tests: a local org started in-process on
 * port 0, seeded directly, and the command run in-process with captured
 * output.
 */
// Must come first: jsforce's undici needs Node's own Symbol.dispose inside Jest's vm context.
import '../org/nativeDispose';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from 'jsforce';
import { startOrg, type LocalOrg } from '../../scripts/org/org';
import { runSyncCommand } from '../../scripts/sync/command';
import type { SyncResult } from '../../scripts/sync/result';

export const ROOT = path.resolve(__dirname, '../..');
export const SAMPLE_JSON = path.join(ROOT, 'samples/natterbox-subscriptions.json');

/** The built CLI; `npm run build:node` writes it. */
export const CLI = path.join(ROOT, 'dist/sync.js');

/** Output of one child process. */
export interface ChildRun {
    exitCode: number | null;
    stdout: string;
    stderr: string;
}

/** Runs the built CLI as a child process with only PATH, HOME and `env` set. */
export function runCli(args: string[], env: Record<string, string>): Promise<ChildRun> {
    return runNode([CLI, ...args], env);
}

/** Runs Node with `args` in the project root and collects its output. */
export function runNode(args: string[], env: Record<string, string>): Promise<ChildRun> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, args, {
            cwd: ROOT,
            env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
    });
}

/** Starts an empty local org (base records only). */
export function startTestOrg(): Promise<LocalOrg> {
    return startOrg({ metadataFolder: ROOT, seed: 'none', logError: () => undefined });
}

/** A license pattern a holder record gets, as checkbox field values. */
export type HolderFields = Record<string, boolean>;

/**
 * Inserts `count` users and one license record each, directly into the
 * store. Every `inactiveEvery`-th user is inactive. Returns the license record IDs.
 */
export function seedHolders(
    org: LocalOrg,
    count: number,
    patterns: HolderFields[] = [{ Freedom__c: true, CTI__c: true }],
    inactiveEvery = 0
): string[] {
    const users = Array.from({ length: count }, (_, index) => ({
        FirstName: 'User',
        LastName: `Number ${index}`,
        Username: `user${index}.${Date.now()}@sync-test.invalid`,
        Email: `user${index}@sync-test.invalid`,
        Alias: `u${index}`.slice(0, 8),
        IsActive: inactiveEvery === 0 || (index + 1) % inactiveEvery !== 0,
        ProfileId: org.base.standardProfileId,
        TimeZoneSidKey: 'Europe/London',
        LocaleSidKey: 'en_GB',
        LanguageLocaleKey: 'en_US',
        EmailEncodingKey: 'UTF-8'
    }));
    const userIds = org.seed.insert('User', users);
    return org.seed.insert(
        'Natterbox_User_License__c',
        userIds.map((userId, index) => ({
            User__c: userId,
            User_Id__c: userId,
            ...patterns[index % patterns.length]
        }))
    );
}

/** Writes a subscription export into a temporary folder and returns its path. */
export function writeSource(content: unknown, fileName = 'export.json'): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'sync-test-'));
    const file = path.join(folder, fileName);
    const data =
        typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content);
    writeFileSync(file, data);
    return file;
}

/** Returns the environment that points the job at the local org. */
export function orgEnv(org: LocalOrg, extra: Record<string, string> = {}): Record<string, string> {
    return { SF_INSTANCE_URL: org.instanceUrl, SF_ACCESS_TOKEN: org.accessToken, ...extra };
}

/** Output of one in-process command run. */
export interface CommandRun {
    exitCode: number;
    stdout: string;
    stderr: string;
    /** The parsed stdout, when `--json` was passed. */
    result: SyncResult;
    /** API calls the org counted during the run. */
    orgApiCalls: number;
}

/** Runs the sync command in-process against the org with `--json` and fast retries. */
export async function runSync(
    org: LocalOrg,
    args: string[],
    env: Record<string, string> = orgEnv(org),
    signal?: AbortSignal
): Promise<CommandRun> {
    const before = org.apiCalls().length;
    let stdout = '';
    const stderr: string[] = [];
    const exitCode = await runSyncCommand(['--json', ...args], env, {
        stdout: (text) => {
            stdout += text;
        },
        stderr: (line) => stderr.push(line),
        retryPolicy: { attempts: 4, baseDelayMs: 10 },
        ...(signal ? { signal } : {})
    });
    const orgApiCalls = org.apiCalls().length - before;
    return {
        exitCode,
        stdout,
        stderr: stderr.join('\n'),
        result: parseLastResult(stdout),
        orgApiCalls
    };
}

/** Parses the printed result; under --watch each result is one line, and the last one is returned. */
function parseLastResult(stdout: string): SyncResult {
    if (stdout.trim() === '') {
        return undefined as unknown as SyncResult;
    }
    try {
        return JSON.parse(stdout) as SyncResult;
    } catch {
        const lines = stdout.trim().split('\n');
        return JSON.parse(lines[lines.length - 1] ?? '') as SyncResult;
    }
}

/** Opens a jsforce connection for assertions. */
export function connect(org: LocalOrg): Connection {
    return new Connection({
        instanceUrl: org.instanceUrl,
        accessToken: org.accessToken,
        version: '64.0'
    });
}

/** Reads the subscription records keyed by license code, for assertions. */
export async function readSubscriptions(
    org: LocalOrg
): Promise<Map<string, Record<string, unknown>>> {
    const result = await connect(org).query<Record<string, unknown>>(
        'SELECT License_Code__c, Name, Purchased_Seats__c, Provisioned__c, Assignable__c, Source_Name__c, Last_Synced_At__c FROM Natterbox_Subscription__c'
    );
    return new Map(result.records.map((record) => [String(record.License_Code__c), record]));
}

/** Reads the sync run records, oldest first. */
export async function readSyncRuns(org: LocalOrg): Promise<Record<string, unknown>[]> {
    const result = await connect(org).query<Record<string, unknown>>(
        'SELECT Id, Name, Status__c, Dry_Run__c, Created_Count__c, Updated_Count__c, Unchanged_Count__c, Api_Calls__c, Source__c, Message__c, Started_At__c, Finished_At__c FROM Natterbox_Sync_Run__c ORDER BY Name ASC'
    );
    return result.records;
}

/** Builds an export with the given seat counts per Natterbox name. */
export function exportOf(seats: Record<string, number>): {
    subscriptions: { name: string; purchased: number }[];
} {
    return {
        subscriptions: Object.entries(seats).map(([name, purchased]) => ({ name, purchased }))
    };
}
