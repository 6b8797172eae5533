/**
 * The deployable LWC source: `npm run build:lwc` must leave exactly one
 * source per module (the compiled .js, never the .ts beside it), keep test
 * folders out, and produce JavaScript that the LWC compiler accepts as the
 * platform would compile it on deploy.
 */
import { transformSync } from '@lwc/compiler';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const sourceLwc = path.join(root, 'force-app/main/default/lwc');
let outputDir: string;

function listFiles(folder: string): string[] {
    return readdirSync(folder).flatMap((name) => {
        const file = path.join(folder, name);
        return statSync(file).isDirectory() ? listFiles(file) : [file];
    });
}

beforeAll(() => {
    outputDir = mkdtempSync(path.join(os.tmpdir(), 'lwc-deploy-'));
    execFileSync(process.execPath, ['scripts/build/lwc.mjs', '--output-dir', outputDir], {
        cwd: root,
        stdio: 'pipe'
    });
}, 120_000);

afterAll(() => {
    rmSync(outputDir, { recursive: true, force: true });
});

describe('deployable LWC build', () => {
    it('contains every source bundle', () => {
        const sourceBundles = readdirSync(sourceLwc).sort();
        const builtBundles = readdirSync(path.join(outputDir, 'lwc')).sort();
        expect(builtBundles).toEqual(sourceBundles);
    });

    it('holds no TypeScript and no tests', () => {
        const files = listFiles(path.join(outputDir, 'lwc')).map((file) =>
            path.relative(outputDir, file)
        );
        expect(files.filter((file) => file.endsWith('.ts'))).toEqual([]);
        expect(files.filter((file) => file.includes('__tests__'))).toEqual([]);
    });

    it('has one .js for each .ts module', () => {
        for (const bundle of readdirSync(sourceLwc)) {
            const sourceModules = readdirSync(path.join(sourceLwc, bundle))
                .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
                .map((file) => file.replace(/\.ts$/, '.js'))
                .sort();
            const builtModules = readdirSync(path.join(outputDir, 'lwc', bundle))
                .filter((file) => file.endsWith('.js'))
                .sort();
            expect({ bundle, modules: builtModules }).toEqual({ bundle, modules: sourceModules });
        }
    });

    it('compiles with the LWC compiler', () => {
        const scripts = listFiles(path.join(outputDir, 'lwc')).filter((file) =>
            file.endsWith('.js')
        );
        expect(scripts.length).toBeGreaterThan(0);
        for (const file of scripts) {
            const bundle = path.basename(path.dirname(file));
            const result = transformSync(readFileSync(file, 'utf8'), path.basename(file), {
                name: bundle,
                namespace: 'c'
            });
            expect({ file: path.basename(file), compiled: result.code.length > 0 }).toEqual({
                file: path.basename(file),
                compiled: true
            });
        }
    });

    it('keeps decorators for the platform compiler', () => {
        const panel = readFileSync(
            path.join(outputDir, 'lwc/userLicensePanel/userLicensePanel.js'),
            'utf8'
        );
        expect(panel).toContain('@api');
        expect(panel).toContain('@wire(');
        expect(panel).not.toMatch(/:\s*(string|boolean|number)\b[;,)]/);
    });
});
