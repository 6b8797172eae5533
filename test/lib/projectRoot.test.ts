import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findProjectRoot } from '../../scripts/lib/projectRoot';

const root = path.resolve(__dirname, '../..');

describe('findProjectRoot', () => {
    const savedArgv = process.argv;
    const savedCwd = process.cwd();
    let outside: string;

    beforeEach(() => {
        outside = mkdtempSync(path.join(os.tmpdir(), 'no-project-'));
    });

    afterEach(() => {
        process.argv = savedArgv;
        process.chdir(savedCwd);
        rmSync(outside, { recursive: true, force: true });
    });

    it('finds the root above a bundled script', () => {
        process.argv = [process.execPath, path.join(root, 'dist/sync.js')];
        process.chdir(outside);
        expect(findProjectRoot()).toBe(root);
    });

    it('falls back to the working directory', () => {
        process.argv = [process.execPath, path.join(outside, 'elsewhere.js')];
        process.chdir(path.join(root, 'docs'));
        expect(findProjectRoot()).toBe(root);
    });

    it('throws outside any project', () => {
        process.argv = [process.execPath, path.join(outside, 'elsewhere.js')];
        process.chdir(outside);
        expect(() => findProjectRoot()).toThrow(/No sfdx-project.json found/);
    });
});
