import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { parseOrgArguments, UsageError } from '../../scripts/org/cli';
import { FIXTURE_OBJECTS } from './helpers';

jest.setTimeout(60_000);

describe('local org command line', () => {
    test('parses options with defaults', () => {
        expect(parseOrgArguments([])).toMatchObject({
            port: 4010,
            seed: 'none',
            dataFile: undefined
        });
        expect(
            parseOrgArguments([
                '--port',
                '0',
                '--data',
                'x.db',
                '--seed',
                'sample',
                '--users',
                '200'
            ])
        ).toMatchObject({
            port: 0,
            dataFile: 'x.db',
            seed: 'sample',
            sampleOptions: { users: 200 }
        });
        expect(parseOrgArguments(['--help'])).toBe('help');
    });

    test('rejects invalid options', () => {
        expect(() => parseOrgArguments(['--port', 'abc'])).toThrow(UsageError);
        expect(() => parseOrgArguments(['--seed', 'everything'])).toThrow(
            /Invalid --seed everything/
        );
        expect(() => parseOrgArguments(['--colour'])).toThrow(UsageError);
        expect(() => parseOrgArguments(['--users', 'ten'])).toThrow(/Invalid --users/);
    });

    test('runs in the foreground and stops on SIGTERM', async () => {
        const folder = mkdtempSync(path.join(os.tmpdir(), 'local-org-main-'));
        try {
            const entry = path.join(folder, 'org.js');
            // Bundled whole, so the script runs from a folder without node_modules.
            await build({
                entryPoints: [path.join(__dirname, '..', '..', 'scripts', 'org', 'main.ts')],
                outfile: entry,
                bundle: true,
                platform: 'node',
                format: 'esm',
                target: 'node22',
                logLevel: 'silent',
                banner: {
                    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
                }
            });
            const child = spawn(
                process.execPath,
                [
                    '--no-warnings',
                    entry,
                    '--port',
                    '0',
                    '--seed',
                    'sample',
                    '--metadata',
                    FIXTURE_OBJECTS
                ],
                { stdio: ['ignore', 'pipe', 'pipe'] }
            );
            let output = '';
            const instanceUrl = await new Promise<string>((resolve, reject) => {
                child.stdout.on('data', (chunk: Buffer) => {
                    output += chunk.toString();
                    const match = /instance URL:\s+(\S+)/.exec(output);
                    if (match && /access token:\s+\S+/.test(output)) {
                        resolve(match[1] ?? '');
                    }
                });
                child.once('exit', (code) =>
                    reject(new Error(`org exited with ${code}: ${output}`))
                );
            });
            expect(instanceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
            const token = /access token:\s+(\S+)/.exec(output)?.[1] ?? '';
            const response = await fetch(
                `${instanceUrl}/services/data/v64.0/query?q=SELECT+COUNT()+FROM+User`,
                { headers: { Authorization: `Bearer ${token}` } }
            );
            expect(response.status).toBe(200);
            expect(((await response.json()) as { totalSize: number }).totalSize).toBe(41);
            const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
            child.kill('SIGTERM');
            expect(await exit).toBe(0);
            expect(output).toContain('SIGTERM received, stopping');
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });
});

/** Runs a built entry point in the project root and collects its output. */
function runBuilt(
    script: string,
    args: string[]
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
    const root = path.join(__dirname, '..', '..');
    const entry = path.join(root, 'dist', script);
    if (!existsSync(entry)) {
        throw new Error(`${entry} is missing: run npm run build:node before these tests.`);
    }
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--no-warnings', entry, ...args], {
            cwd: root,
            env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
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

describe('busy port', () => {
    let holder: Server;
    let port: number;

    beforeAll(async () => {
        holder = createServer();
        await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
        port = (holder.address() as AddressInfo).port;
    });

    afterAll(async () => {
        await new Promise<void>((resolve) => holder.close(() => resolve()));
    });

    test.each([
        ['local org', 'org.js', 'local org: '],
        ['preview', 'preview.js', 'preview: ']
    ])(
        '%s prints one line with the fix',
        async (_name, script, prefix) => {
            const run = await runBuilt(script, ['--port', String(port)]);

            expect(run.exitCode).toBe(1);
            const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
            const last = lines[lines.length - 1] ?? '';
            expect(last).toBe(
                `${prefix}Port ${port} on 127.0.0.1 is already in use by another process. ` +
                    'Pass --port <other> to use another port, or --port 0 to pick a free one.'
            );
            expect(run.stderr).not.toContain('EADDRINUSE');
            expect(run.stderr).not.toMatch(/^\s+at /m);
        },
        120_000
    );
});
