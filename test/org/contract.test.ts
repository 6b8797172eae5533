/**
 * Contract tests: request/response pairs shaped like the examples in
 * Salesforce's REST API Developer Guide, kept as JSON in contract/.
 * Expected bodies match exactly, except for four placeholders.
 * `<id:name>` matches an 18-character record ID and remembers it as `name`.
 * `{name}` inside a string is replaced by the remembered ID.
 * `<string>` matches any string, and `<any>` matches any value.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LocalOrg } from '../../scripts/org/org';
import { startFixtureOrg } from './helpers';

interface Step {
    request: { method: string; path: string; body?: unknown };
    response: { status: number; headers?: Record<string, string>; body?: unknown };
}

interface Contract {
    name: string;
    steps: Step[];
}

const folder = path.join(__dirname, 'contract');
const contracts = readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map(
        (file) =>
            [file, JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as Contract] as const
    );

function substitute(text: string, ids: Map<string, string>): string {
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => ids.get(name) ?? whole);
}

/** Returns the mismatches between an actual value and the expected shape, as JSON paths. */
function mismatches(
    actual: unknown,
    expected: unknown,
    ids: Map<string, string>,
    at = '$'
): string[] {
    if (typeof expected === 'string') {
        if (expected === '<any>') return [];
        if (expected === '<string>')
            return typeof actual === 'string'
                ? []
                : [`${at}: expected a string, got ${JSON.stringify(actual)}`];
        const capture = /^<id:(\w+)>$/.exec(expected);
        if (capture) {
            if (typeof actual !== 'string' || !/^[a-zA-Z0-9]{18}$/.test(actual))
                return [`${at}: expected an 18-character ID, got ${JSON.stringify(actual)}`];
            ids.set(capture[1] ?? '', actual);
            return [];
        }
        const expectedText = substitute(expected, ids);
        return actual === expectedText
            ? []
            : [`${at}: expected ${JSON.stringify(expectedText)}, got ${JSON.stringify(actual)}`];
    }
    if (Array.isArray(expected)) {
        if (!Array.isArray(actual) || actual.length !== expected.length)
            return [
                `${at}: expected an array of ${expected.length}, got ${JSON.stringify(actual)}`
            ];
        return expected.flatMap((item, index) =>
            mismatches(actual[index], item, ids, `${at}[${index}]`)
        );
    }
    if (expected !== null && typeof expected === 'object') {
        if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
            return [`${at}: expected an object, got ${JSON.stringify(actual)}`];
        const actualKeys = Object.keys(actual).sort();
        const expectedKeys = Object.keys(expected).sort();
        if (actualKeys.join() !== expectedKeys.join())
            return [
                `${at}: expected keys ${expectedKeys.join(', ')}, got ${actualKeys.join(', ')}`
            ];
        return expectedKeys.flatMap((key) =>
            mismatches(
                (actual as Record<string, unknown>)[key],
                (expected as Record<string, unknown>)[key],
                ids,
                `${at}.${key}`
            )
        );
    }
    return actual === expected
        ? []
        : [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

describe('local org REST contract', () => {
    let org: LocalOrg;

    beforeEach(async () => {
        org = await startFixtureOrg();
    });

    afterEach(async () => {
        await org.close();
    });

    test.each(contracts)('%s', async (_file, contract) => {
        const ids = new Map<string, string>();
        for (const step of contract.steps) {
            const response = await fetch(
                `${org.instanceUrl}${substitute(step.request.path, ids)}`,
                {
                    method: step.request.method,
                    headers: {
                        Authorization: `Bearer ${org.accessToken}`,
                        'Content-Type': 'application/json'
                    },
                    body:
                        step.request.body === undefined
                            ? undefined
                            : JSON.stringify(step.request.body)
                }
            );
            const text = await response.text();
            expect(`${step.request.method} ${step.request.path}: ${response.status}`).toBe(
                `${step.request.method} ${step.request.path}: ${step.response.status}`
            );
            for (const [name, value] of Object.entries(step.response.headers ?? {})) {
                expect(response.headers.get(name)).toBe(value);
            }
            const body = text === '' ? undefined : (JSON.parse(text) as unknown);
            expect(mismatches(body, step.response.body, ids)).toEqual([]);
        }
    });
});
