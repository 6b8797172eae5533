/**
 * Subscription sources: the JSON and CSV export formats and the validator
 * that every source (files and the Natterbox client) goes through. The
 * formats are described in docs/sync.md.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { CsvSyntaxError, parseCsv } from './csv';
import { InvalidSourceError, type SourceIssue } from './errors';

/** One subscription as the source reports it, after validation. */
export interface SourceSubscription {
    /** The name as Natterbox spells it, trimmed. */
    name: string;
    /** Purchased seats: a whole number from 0 to MAX_SEATS. */
    purchased: number;
    /** False when Natterbox shows the item as not provisioned (disabled). */
    provisioned: boolean;
    /** The entry's position in the source, for error messages. */
    location: string;
}

/** Maximum seat count: `Purchased_Seats__c` is a Number(9, 0) field. */
export const MAX_SEATS = 999_999_999;

/** Maximum name length: the subscription record's `Name` is a Text(80) field. */
export const MAX_NAME_LENGTH = 80;

/**
 * Largest export file the job reads: 10 MiB, about 100,000 entries, far more
 * than an organisation buys. A larger file is most likely the wrong file.
 */
export const MAX_SOURCE_BYTES = 10 * 1024 * 1024;

const CSV_COLUMNS = ['name', 'purchased', 'provisioned'] as const;

/**
 * Reads and validates an export file; `.csv` files are read as CSV and
 * everything else as JSON. Raises InvalidSourceError listing every problem.
 */
export function readSourceFile(filePath: string): SourceSubscription[] {
    const label = path.basename(filePath);
    const text = readTextFile(filePath, (message) => {
        throw new InvalidSourceError(filePath, [{ location: 'file', message }]);
    });
    return filePath.toLowerCase().endsWith('.csv')
        ? parseCsvExport(text, label)
        : parseJsonExport(text, label);
}

/**
 * Reads a UTF-8 text file of at most MAX_SOURCE_BYTES without its byte order
 * mark. A pipe such as `/dev/stdin` works too. Calls `reject` with the
 * problem when the file is missing, a directory, too large, or not UTF-8
 * text (a NUL byte or an invalid byte sequence, as in binary files and
 * UTF-16 exports).
 */
export function readTextFile(filePath: string, reject: (message: string) => never): string {
    let bytes: Buffer;
    try {
        if (statSync(filePath).isDirectory()) {
            reject('is a directory, not a file. Check the path');
        }
        bytes = readAtMost(filePath, MAX_SOURCE_BYTES + 1);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === undefined) {
            throw error;
        }
        reject(
            code === 'ENOENT'
                ? 'was not found. Check the path'
                : `could not be read (${code}). Check the path and its permissions`
        );
    }
    if (bytes.length > MAX_SOURCE_BYTES) {
        reject(
            `is larger than the maximum of ${MAX_SOURCE_BYTES} bytes. Check that it is the right file`
        );
    }
    let text: string;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
        reject('is not UTF-8 text (it contains an invalid byte sequence). Save it as UTF-8');
    }
    if (text.includes('\u0000')) {
        reject('is not a text file (it contains a NUL byte). Check that it is the right file');
    }
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** Reads up to `limit` bytes, so an endless pipe or a huge file is never read whole. */
function readAtMost(filePath: string, limit: number): Buffer {
    const descriptor = openSync(filePath, 'r');
    try {
        const chunks: Buffer[] = [];
        let total = 0;
        while (total < limit) {
            const chunk = Buffer.alloc(Math.min(64 * 1024, limit - total));
            const read = readSync(descriptor, chunk, 0, chunk.length, null);
            if (read === 0) {
                break;
            }
            chunks.push(chunk.subarray(0, read));
            total += read;
        }
        return Buffer.concat(chunks);
    } finally {
        closeSync(descriptor);
    }
}

/** Parses a JSON export: `{ "subscriptions": [{ "name", "purchased", "provisioned"? }] }`. */
export function parseJsonExport(text: string, label: string): SourceSubscription[] {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (error) {
        throw new InvalidSourceError(label, [
            { location: 'file', message: `is not valid JSON (${(error as Error).message})` }
        ]);
    }
    if (
        typeof parsed !== 'object' ||
        parsed === null ||
        !Array.isArray((parsed as { subscriptions?: unknown }).subscriptions)
    ) {
        throw new InvalidSourceError(label, [
            {
                location: 'file',
                message:
                    'must be an object with a "subscriptions" array, for example { "subscriptions": [{ "name": "Freedom", "purchased": 25 }] }'
            }
        ]);
    }
    return validateSubscriptionEntries(
        (parsed as { subscriptions: unknown[] }).subscriptions,
        label,
        'subscriptions'
    );
}

/**
 * Validates raw subscription entries (`{ name, purchased, provisioned? }`
 * objects). `provisioned` defaults to true. Raises InvalidSourceError.
 */
export function validateSubscriptionEntries(
    entries: readonly unknown[],
    label: string,
    pathPrefix: string
): SourceSubscription[] {
    return validateLocatedEntries(
        entries.map((entry, index) => ({ entry, location: `${pathPrefix}[${index}]` })),
        label
    );
}

/** Location of one field of an entry, built from the entry's location: `subscriptions[2].purchased` in JSON, `line 4, column purchased` in CSV. */
type FieldLocator = (entryLocation: string, field: string) => string;

const jsonFieldLocation: FieldLocator = (entryLocation, field) => `${entryLocation}.${field}`;

const csvFieldLocation: FieldLocator = (entryLocation, field) =>
    `${entryLocation}, column ${field}`;

function validateLocatedEntries(
    entries: readonly { entry: unknown; location: string }[],
    label: string,
    locateField: FieldLocator = jsonFieldLocation
): SourceSubscription[] {
    const issues: SourceIssue[] = [];
    const subscriptions: SourceSubscription[] = [];
    for (const { entry, location } of entries) {
        const result = validateEntry(entry, location, locateField);
        if ('issues' in result) {
            issues.push(...result.issues);
        } else {
            subscriptions.push(result.subscription);
        }
    }
    if (issues.length > 0) {
        throw new InvalidSourceError(label, issues);
    }
    return subscriptions;
}

function validateEntry(
    entry: unknown,
    location: string,
    locateField: FieldLocator
): { subscription: SourceSubscription } | { issues: SourceIssue[] } {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        return {
            issues: [
                {
                    location,
                    message: `must be an object with "name" and "purchased", got ${describe(entry)}`
                }
            ]
        };
    }
    const record = entry as Record<string, unknown>;
    const issues: SourceIssue[] = [];
    const name = checkName(record.name, locateField(location, 'name'), issues);
    const purchased = checkSeats(record.purchased, locateField(location, 'purchased'), issues);
    let provisioned = true;
    if (record.provisioned !== undefined) {
        if (typeof record.provisioned === 'boolean') {
            provisioned = record.provisioned;
        } else {
            issues.push({
                location: locateField(location, 'provisioned'),
                message: `must be true or false, got ${describe(record.provisioned)}`
            });
        }
    }
    if (issues.length > 0 || name === undefined || purchased === undefined) {
        return { issues };
    }
    return { subscription: { name, purchased, provisioned, location } };
}

/** Control, format (zero-width) and line or paragraph separator characters, which no item name contains. */
const INVISIBLE_CHARACTER = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

function checkName(value: unknown, location: string, issues: SourceIssue[]): string | undefined {
    if (typeof value !== 'string') {
        issues.push({ location, message: `must be a non-empty text, got ${describe(value)}` });
        return undefined;
    }
    const invisible = INVISIBLE_CHARACTER.exec(value);
    if (invisible !== null) {
        const codePoint = (invisible[0].codePointAt(0) ?? 0).toString(16).toUpperCase();
        issues.push({
            location,
            message: `contains the invisible or control character U+${codePoint.padStart(4, '0')} at position ${invisible.index + 1} of ${describe(value)}. Remove it`
        });
        return undefined;
    }
    // Runs of spaces, tabs and no-break spaces become one space, so "Cloud\u00A0PBX" is stored as "Cloud PBX".
    const name = value.trim().replace(/\s+/g, ' ');
    if (name === '') {
        issues.push({ location, message: `must be a non-empty text, got ${describe(value)}` });
        return undefined;
    }
    if (name.length > MAX_NAME_LENGTH) {
        issues.push({
            location,
            message: `is ${name.length} characters long, but the maximum is ${MAX_NAME_LENGTH}. Shorten the name`
        });
        return undefined;
    }
    return name;
}

function checkSeats(value: unknown, location: string, issues: SourceIssue[]): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
        issues.push({
            location,
            message: `must be a whole number of seats, got ${describe(value)}`
        });
        return undefined;
    }
    if (value < 0 || value > MAX_SEATS) {
        issues.push({ location, message: `must be between 0 and ${MAX_SEATS}, got ${value}` });
        return undefined;
    }
    return value;
}

/**
 * Parses a CSV export with the header `name,purchased,provisioned` (columns
 * in any order, `provisioned` optional, `true`/`false`/`yes`/`no`/`1`/`0`).
 */
export function parseCsvExport(text: string, label: string): SourceSubscription[] {
    let rows;
    try {
        rows = parseCsv(text);
    } catch (error) {
        if (error instanceof CsvSyntaxError) {
            throw new InvalidSourceError(label, [
                { location: `line ${error.line}`, message: error.message }
            ]);
        }
        throw error;
    }
    const [header, ...body] = rows;
    if (header === undefined) {
        return [];
    }
    const columns = readHeader(header.fields, header.line, label);
    // RFC 4180 rows have as many fields as the header; a stray comma would otherwise shift or drop a value.
    const widthIssues = body
        .filter((row) => row.fields.length !== header.fields.length)
        .map((row) => ({
            location: `line ${row.line}`,
            message:
                `has ${row.fields.length} fields, but the header has ${header.fields.length}. ` +
                'Quote a name that contains a comma, for example "Cloud, PBX"'
        }));
    if (widthIssues.length > 0) {
        throw new InvalidSourceError(label, widthIssues);
    }
    const entries = body.map((row) => ({
        entry: csvRowToEntry(row.fields, columns),
        location: `line ${row.line}`
    }));
    return validateLocatedEntries(entries, label, csvFieldLocation);
}

function readHeader(fields: string[], line: number, label: string): Map<string, number> {
    const columns = new Map<string, number>();
    const issues: SourceIssue[] = [];
    fields.forEach((field, index) => {
        const column = field.trim().toLowerCase();
        if (!(CSV_COLUMNS as readonly string[]).includes(column)) {
            issues.push({
                location: `line ${line}`,
                message:
                    `the header has the unknown column ${describe(field)}. The columns are ${CSV_COLUMNS.join(', ')}` +
                    (/[;\t]/.test(field) ? ', separated by commas' : '')
            });
        } else if (columns.has(column)) {
            issues.push({
                location: `line ${line}`,
                message: `the header lists the column ${column} twice. Keep one`
            });
        }
        columns.set(column, index);
    });
    const missing = CSV_COLUMNS.filter(
        (column) => column !== 'provisioned' && !columns.has(column)
    );
    if (missing.length > 0) {
        issues.push({
            location: `line ${line}`,
            message: `the header lacks the column(s) ${missing.join(', ')}. The first line must be name,purchased,provisioned`
        });
    }
    if (issues.length > 0) {
        throw new InvalidSourceError(label, issues);
    }
    return columns;
}

function csvRowToEntry(fields: string[], columns: Map<string, number>): Record<string, unknown> {
    const cell = (column: string): string | undefined => {
        const index = columns.get(column);
        return index === undefined ? undefined : fields[index]?.trim();
    };
    const purchasedText = cell('purchased') ?? '';
    const provisionedText = cell('provisioned');
    const entry: Record<string, unknown> = {
        name: cell('name') ?? '',
        // Digits only: "25.0", "-3" and "" stay text, so the validator reports them as they were written.
        purchased: /^\d+$/.test(purchasedText) ? Number(purchasedText) : purchasedText
    };
    if (provisionedText !== undefined && provisionedText !== '') {
        entry.provisioned = parseBooleanCell(provisionedText) ?? provisionedText;
    }
    return entry;
}

function parseBooleanCell(text: string): boolean | undefined {
    const value = text.toLowerCase();
    if (['true', 'yes', '1'].includes(value)) {
        return true;
    }
    if (['false', 'no', '0'].includes(value)) {
        return false;
    }
    return undefined;
}

function describe(value: unknown): string {
    if (value === undefined) {
        return 'nothing';
    }
    const text = JSON.stringify(value);
    return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
