/**
 * Runs the project's own Salesforce CLI (node_modules/.bin/sf) offline for
 * tests: Node 22 first on PATH, a throwaway HOME so no stored org or config
 * of the machine is read, telemetry and update checks off.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './metadataFiles';

const SF = path.join(PROJECT_ROOT, 'node_modules/.bin/sf');

/** Output of one sf run. */
export interface SfResult {
    code: number;
    stdout: string;
    stderr: string;
}

/** A temporary HOME for sf runs; call `remove` when done. */
export interface SfHome {
    dir: string;
    remove(): void;
}

/** Creates the throwaway HOME folder that sf runs use. */
export function createSfHome(): SfHome {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-home-'));
    return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs sf with `args` in the project root and resolves with its exit code and output. */
export function runSf(args: string[], home: SfHome, timeoutMs = 60_000): Promise<SfResult> {
    const env = {
        ...process.env,
        HOME: home.dir,
        // sf re-spawns itself by name, and needs Node 22: the Node running
        // Jest (started through scripts/node22.sh) comes first.
        PATH: [path.dirname(process.execPath), path.dirname(SF), process.env.PATH].join(
            path.delimiter
        ),
        SF_DISABLE_TELEMETRY: 'true',
        SF_AUTOUPDATE_DISABLE: 'true',
        SF_DISABLE_AUTOUPDATE: 'true',
        SF_USE_GENERIC_UNIX_KEYCHAIN: 'true'
    };
    return new Promise((resolve) => {
        execFile(
            SF,
            args,
            { cwd: PROJECT_ROOT, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
            (error, stdout, stderr) => {
                let code = 0;
                if (error) {
                    // A numeric code is the exit status. A string code such as
                    // ETIMEDOUT or ENOENT means sf did not exit by itself.
                    code = typeof error.code === 'number' ? error.code : 1;
                }
                resolve({ code, stdout: String(stdout), stderr: String(stderr) });
            }
        );
    });
}
