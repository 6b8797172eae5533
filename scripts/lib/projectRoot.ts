import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Finds the project root: the nearest folder that contains
 * sfdx-project.json above the running script (`process.argv[1]`), else
 * above the working directory.
 *
 * Code runs both from source under Jest and bundled into dist/, so a path
 * relative to the calling file would differ between the two, and Jest's
 * CommonJS transform cannot parse `import.meta.url`. The running script
 * (dist/x.js, or Jest's bin inside node_modules) lies inside the project in
 * both cases.
 *
 * @throws Error when neither start lies inside a project.
 */
export function findProjectRoot(): string {
    const starts = [
        process.argv[1] ? path.dirname(path.resolve(process.argv[1])) : undefined,
        process.cwd()
    ];
    for (const start of starts) {
        const root = start === undefined ? undefined : findMarkerAbove(start);
        if (root !== undefined) {
            return root;
        }
    }
    throw new Error(
        `No sfdx-project.json found above ${process.argv[1] ?? 'the script'} or ${process.cwd()}: run the command from the project folder.`
    );
}

function findMarkerAbove(start: string): string | undefined {
    for (let folder = start; ; folder = path.dirname(folder)) {
        if (existsSync(path.join(folder, 'sfdx-project.json'))) {
            return folder;
        }
        if (path.dirname(folder) === folder) {
            return undefined;
        }
    }
}
