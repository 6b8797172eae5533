import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DIR, PROJECT_ROOT, readObjectFields } from './metadataFiles';
import { createSfHome, runSf, type SfHome, type SfResult } from './sfCli';
import { findSfInvocations, type SfInvocation } from './shellCommands';

// scripts/scratch-org.sh cannot run here: it needs a Dev Hub. This test
// reads the sf calls out of the script and checks each command and flag
// against the help of the sf CLI in node_modules, and each name the
// script passes (permission sets, objects, fields, files) against the
// project.

const SCRIPT = path.join(PROJECT_ROOT, 'scripts/scratch-org.sh');
const source = readFileSync(SCRIPT, 'utf8');
const invocations = findSfInvocations(source);

function commandOf(invocation: SfInvocation): string {
    return invocation.command.join(' ');
}

function valuesOf(invocation: SfInvocation, flag: string): string[] {
    return invocation.args.flatMap((arg, index) =>
        arg === flag ? [invocation.args[index + 1] ?? ''] : []
    );
}

function callsOf(command: string): SfInvocation[] {
    return invocations.filter((invocation) => commandOf(invocation) === command);
}

/**
 * Collects the flags a help text defines, from lines such as
 * "  -a, --alias=<value>  Alias ..." or "  --json  ...".
 */
function definedFlags(help: string): Set<string> {
    const flags = new Set<string>();
    for (const match of help.matchAll(/^\s+(?:(-[A-Za-z]), )?(--[a-z][a-z-]*)/gm)) {
        if (match[1]) {
            flags.add(match[1]);
        }
        flags.add(match[2] ?? '');
    }
    return flags;
}

describe('scripts/scratch-org.sh', () => {
    it('runs the steps of a scratch org setup', () => {
        const commands = new Set(invocations.map(commandOf));
        for (const expected of [
            'org create scratch',
            'project deploy start',
            'org assign permset',
            'data create record',
            'data import tree'
        ]) {
            expect(commands).toContain(expected);
        }
    });

    it('deploys the build output after building it', () => {
        const deploys = callsOf('project deploy start');
        expect(deploys).toHaveLength(1);
        expect(valuesOf(deploys[0] as SfInvocation, '--metadata-dir')).toEqual(['build/deploy']);
        const build = source.indexOf('npm run -s build:lwc');
        expect(build).toBeGreaterThan(-1);
        expect(build).toBeLessThan(source.indexOf('sf project deploy start'));
    });

    it('assigns permission sets that exist', () => {
        const names = callsOf('org assign permset').flatMap((call) => valuesOf(call, '--name'));
        expect(names.length).toBeGreaterThan(0);
        for (const name of names) {
            const file = path.join(DEFAULT_DIR, 'permissionsets', `${name}.permissionset-meta.xml`);
            expect({ name, exists: existsSync(file) }).toEqual({ name, exists: true });
        }
    });

    it('creates records with existing fields', () => {
        const standardFields = new Set(['SetupOwnerId']);
        for (const call of callsOf('data create record')) {
            const [object = ''] = valuesOf(call, '--sobject');
            const fields = readObjectFields(object);
            const [values = ''] = valuesOf(call, '--values');
            for (const pair of values.split(' ')) {
                const [field = ''] = pair.split('=');
                const known = fields.has(field) || standardFields.has(field);
                expect({ object, field, known }).toEqual({ object, field, known: true });
            }
        }
    });

    it('imports sample data files with existing fields', () => {
        for (const call of callsOf('data import tree')) {
            const [planPath = ''] = valuesOf(call, '--plan');
            const plan = JSON.parse(readFileSync(path.join(PROJECT_ROOT, planPath), 'utf8')) as {
                sobject: string;
                files: string[];
            }[];
            for (const step of plan) {
                const fields = readObjectFields(step.sobject);
                for (const file of step.files) {
                    const data = JSON.parse(
                        readFileSync(path.join(PROJECT_ROOT, path.dirname(planPath), file), 'utf8')
                    ) as { records: Record<string, unknown>[] };
                    expect(data.records.length).toBeGreaterThan(0);
                    for (const record of data.records) {
                        const unknown = Object.keys(record).filter(
                            (key) => key !== 'attributes' && key !== 'Name' && !fields.has(key)
                        );
                        expect({ file, unknown }).toEqual({ file, unknown: [] });
                    }
                }
            }
        }
    });

    it('reads a scratch definition that exists', () => {
        const [create] = callsOf('org create scratch');
        const [definition = ''] = create ? valuesOf(create, '--definition-file') : [];
        expect(existsSync(path.join(PROJECT_ROOT, definition))).toBe(true);
    });

    describe('argument checks', () => {
        // Each case exits before the first sf call, so nothing leaves the machine.
        const run = (args: string[], env: Record<string, string> = {}) =>
            spawnSync('bash', [SCRIPT, ...args], {
                encoding: 'utf8',
                env: { ...process.env, ...env }
            });

        it('rejects a missing Dev Hub', () => {
            const result = run([]);
            expect(result.status).toBe(2);
            expect(result.stderr).toContain('Usage: scripts/scratch-org.sh DEV_HUB');
        });

        it('rejects an invalid duration', () => {
            const result = run(['hub', 'alias', '31']);
            expect(result.status).toBe(2);
            expect(result.stderr).toContain("DAYS must be a whole number from 1 to 30, got '31'");
        });

        it('rejects an invalid legacy flag', () => {
            const result = run(['hub'], { LEGACY_CTI_ALLOWED: 'yes' });
            expect(result.status).toBe(2);
            expect(result.stderr).toContain("LEGACY_CTI_ALLOWED must be true or false, got 'yes'");
        });
    });

    describe('against sf --help', () => {
        let home: SfHome;
        const helps = new Map<string, SfResult>();
        const commands = [...new Set(invocations.map(commandOf))];

        beforeAll(async () => {
            home = createSfHome();
            // sf takes about a second to start, so the help texts load in parallel.
            const results = await Promise.all(
                commands.map((command) => runSf([...command.split(' '), '--help'], home))
            );
            commands.forEach((command, index) => helps.set(command, results[index] as SfResult));
        }, 60_000);

        afterAll(() => home.remove());

        it.each(commands)('knows sf %s', (command) => {
            const help = helps.get(command);
            expect({ command, code: help?.code, stderr: help?.stderr }).toEqual({
                command,
                code: 0,
                stderr: expect.any(String)
            });
        });

        it.each(
            invocations.map((invocation) => [invocation.line, commandOf(invocation), invocation])
        )('accepts the flags on line %i (sf %s)', (_line, command, invocation) => {
            const defined = definedFlags(helps.get(command as string)?.stdout ?? '');
            const unknown = (invocation as SfInvocation).flags.filter((flag) => !defined.has(flag));
            expect({ command, unknown }).toEqual({ command, unknown: [] });
        });
    });
});
