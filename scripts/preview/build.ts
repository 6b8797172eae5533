/**
 * Builds the preview's browser bundle (scripts/preview/bundle.mjs, which
 * runs the real LWC compiler) or reuses an earlier build.
 *
 * A cold build takes about 26 s on the 2-core build machine, so the output is
 * cached under build/preview/<key>, where the key hashes the path, size and
 * modification time of every source file. Tests and the preview command
 * share the cache.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
    existsSync,
    mkdirSync,
    readdirSync,
    renameSync,
    rmSync,
    statSync,
    writeFileSync
} from 'node:fs';
import path from 'node:path';
import { findProjectRoot } from '../lib/projectRoot';

/** Location of a finished build. */
export interface PreviewBuild {
    /** Folder holding `app.js` and its chunks. */
    outputDir: string;
    /** True when the build came from the cache. */
    cached: boolean;
}

const root = findProjectRoot();
const lwcRoot = path.join(root, 'force-app/main/default/lwc');
const previewRoot = path.join(root, 'scripts/preview');
const bundleScript = path.join(previewRoot, 'bundle.mjs');
const cacheRoot = path.join(root, 'build/preview');

/** Milliseconds after which a build lock counts as abandoned; a cold build takes about 26 s. */
const staleLockMs = 180_000;

/** Returns the build for the current sources, building it only when the cache has none. */
export async function buildPreview(): Promise<PreviewBuild> {
    const outputDir = path.join(cacheRoot, computeSourceKey());
    if (isComplete(outputDir)) {
        return { outputDir, cached: true };
    }
    mkdirSync(cacheRoot, { recursive: true });
    const lockFile = `${outputDir}.lock`;
    if (!tryLock(lockFile)) {
        // Another process (a parallel test worker) builds the same sources: wait for it.
        await waitForBuild(outputDir, lockFile);
        return { outputDir, cached: true };
    }
    try {
        // Build into a private folder and rename it into place, so no reader
        // ever sees a half-written bundle.
        const workDir = `${outputDir}.tmp-${process.pid}`;
        rmSync(workDir, { recursive: true, force: true });
        await runBundleScript(workDir);
        rmSync(outputDir, { recursive: true, force: true });
        renameSync(workDir, outputDir);
    } finally {
        rmSync(lockFile, { force: true });
    }
    removeOldBuilds(outputDir);
    return { outputDir, cached: false };
}

/** Builds kept in the cache besides the newest; older ones are removed. */
const keptOldBuilds = 2;

/**
 * Removes all but the newest few builds, so the cache does not grow with
 * every edit.
 *
 * NOTE: a preview process that has run since several edits ago loses its
 * bundle files; restart it to rebuild.
 */
function removeOldBuilds(currentDir: string): void {
    const builds = readdirSync(cacheRoot, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !entry.name.includes('.tmp-'))
        .map((entry) => path.join(cacheRoot, entry.name))
        .filter((folder) => folder !== currentDir)
        .sort((left, right) => statSync(right).mtimeMs - statSync(left).mtimeMs);
    for (const folder of builds.slice(keptOldBuilds)) {
        rmSync(folder, { recursive: true, force: true });
    }
}

function isComplete(outputDir: string): boolean {
    return existsSync(path.join(outputDir, 'app.js'));
}

function tryLock(lockFile: string): boolean {
    try {
        writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
        return true;
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
            throw error;
        }
    }
    // A lock older than the longest plausible build was left by a killed process.
    if (Date.now() - statSync(lockFile).mtimeMs > staleLockMs) {
        rmSync(lockFile, { force: true });
        return tryLock(lockFile);
    }
    return false;
}

async function waitForBuild(outputDir: string, lockFile: string): Promise<void> {
    const deadline = Date.now() + staleLockMs;
    while (!isComplete(outputDir)) {
        if (!existsSync(lockFile)) {
            throw new Error(
                `The preview build into ${outputDir} by another process failed: run it again.`
            );
        }
        if (Date.now() > deadline) {
            throw new Error(
                `Timed out after ${staleLockMs / 1000} s waiting for the preview build in ${outputDir}.`
            );
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
}

/** Runs bundle.mjs in a child Node process and rejects with its output when it fails. */
function runBundleScript(outputDir: string): Promise<void> {
    return new Promise((resolve, reject) => {
        execFile(
            process.execPath,
            [bundleScript, outputDir],
            { cwd: root, maxBuffer: 16 * 1024 * 1024 },
            (error, _stdout, stderr) => {
                if (error) {
                    reject(new Error(`The preview build failed (${bundleScript}):\n${stderr}`));
                } else {
                    resolve();
                }
            }
        );
    });
}

/** Hashes every input of the build, so any edit produces a new cache key. */
function computeSourceKey(): string {
    const hash = createHash('sha256');
    const folders = [lwcRoot, previewRoot];
    for (const file of folders.flatMap(listSourceFiles).sort()) {
        const stats = statSync(file);
        hash.update(`${path.relative(root, file)}:${stats.size}:${stats.mtimeMs}\n`);
    }
    for (const dependency of ['@lwc/rollup-plugin', 'lightning-base-components', 'lwc', 'rollup']) {
        const manifest = path.join(root, 'node_modules', dependency, 'package.json');
        hash.update(`${dependency}:${statSync(manifest).mtimeMs}\n`);
    }
    return hash.digest('hex').slice(0, 16);
}

function listSourceFiles(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            return entry.name === '__tests__' ? [] : listSourceFiles(file);
        }
        return /\.(ts|js|html|css)$/.test(entry.name) ? [file] : [];
    });
}
