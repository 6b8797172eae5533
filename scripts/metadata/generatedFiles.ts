/**
 * Keeps a folder of generated files equal to what a generator renders:
 * compares the two, and writes the rendered files while removing files the
 * generator no longer produces.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Differences between a folder and the files a generator renders for it. */
export interface GeneratedFilesDiff {
    /** Rendered files absent from the folder. */
    missing: string[];
    /** Files whose content differs from the rendered content. */
    changed: string[];
    /** Files in the folder, with the generated suffix, that the generator no longer renders. */
    stale: string[];
}

function listGenerated(folder: string, suffix: string): string[] {
    if (!existsSync(folder)) {
        return [];
    }
    return readdirSync(folder)
        .filter((name) => name.endsWith(suffix))
        .sort();
}

/**
 * Compares `folder` with `expected` (file name to content), looking only at
 * files ending in `suffix`.
 */
export function diffGeneratedFiles(
    folder: string,
    expected: ReadonlyMap<string, string>,
    suffix: string
): GeneratedFilesDiff {
    const present = listGenerated(folder, suffix);
    const names = [...expected.keys()].sort();
    return {
        missing: names.filter((name) => !present.includes(name)),
        changed: names.filter(
            (name) =>
                present.includes(name) &&
                readFileSync(path.join(folder, name), 'utf8') !== expected.get(name)
        ),
        stale: present.filter((name) => !expected.has(name))
    };
}

/** Tells whether a diff found no difference. */
export function isUpToDate(diff: GeneratedFilesDiff): boolean {
    return diff.missing.length + diff.changed.length + diff.stale.length === 0;
}

/** Writes every expected file into `folder` and deletes the stale ones; returns what it changed. */
export function writeGeneratedFiles(
    folder: string,
    expected: ReadonlyMap<string, string>,
    suffix: string
): GeneratedFilesDiff {
    const diff = diffGeneratedFiles(folder, expected, suffix);
    mkdirSync(folder, { recursive: true });
    for (const name of [...diff.missing, ...diff.changed]) {
        writeFileSync(path.join(folder, name), expected.get(name) ?? '');
    }
    for (const name of diff.stale) {
        rmSync(path.join(folder, name));
    }
    return diff;
}

/** Formats a diff as one line per file, for logs and test failures. */
export function describeDiff(diff: GeneratedFilesDiff): string {
    return [
        ...diff.missing.map((name) => `missing: ${name}`),
        ...diff.changed.map((name) => `out of date: ${name}`),
        ...diff.stale.map((name) => `no longer generated: ${name}`)
    ].join('\n');
}
