import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Finds the project root by walking up from the working directory to the
 * folder holding sfdx-project.json.
 *
 * NOTE: scripts/lib/projectRoot.ts starts from `import.meta.url`, which
 * Jest's CommonJS transform cannot parse, so the preview (loaded by the
 * end-to-end tests) starts from the working directory instead. npm scripts
 * and Jest both run in the project root.
 */
export function findRootFromWorkingDirectory(): string {
    let folder = process.cwd();
    while (!existsSync(path.join(folder, 'sfdx-project.json'))) {
        const parent = path.dirname(folder);
        if (parent === folder) {
            throw new Error(
                `No sfdx-project.json found above ${process.cwd()}: run the preview from the project folder.`
            );
        }
        folder = parent;
    }
    return folder;
}
