import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
