import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the project root: the nearest folder above `fromUrl` that holds
 * sfdx-project.json. Code runs both from source (tests) and bundled into
 * dist/ (npm scripts), so a path relative to the calling file would differ
 * between the two; walking up to the marker file works for both.
 *
 * @throws Error when no folder above contains sfdx-project.json.
 */
export function findProjectRoot(fromUrl: string = import.meta.url): string {
    let folder = path.dirname(fileURLToPath(fromUrl));
    for (;;) {
        if (existsSync(path.join(folder, 'sfdx-project.json'))) {
            return folder;
        }
        const parent = path.dirname(folder);
        if (parent === folder) {
            throw new Error(`No sfdx-project.json found in any folder above ${fromUrl}`);
        }
        folder = parent;
    }
}
