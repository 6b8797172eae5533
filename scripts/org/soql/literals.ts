/**
 * Decoding of SOQL literals into the values the storage layer keeps:
 * strings with their escapes resolved, dates as `YYYY-MM-DD`, datetimes as
 * UTC strings `YYYY-MM-DDTHH:MM:SS.sss+0000`.
 */
import { malformedQuery } from './errors';

// The reference table calls \b "bell", but this engine reads it as backspace (U+0008), as Java does.
const SIMPLE_ESCAPES: Record<string, string> = {
    n: '\n',
    N: '\n',
    r: '\r',
    R: '\r',
    t: '\t',
    T: '\t',
    b: '\b',
    B: '\b',
    f: '\f',
    F: '\f',
    '"': '"',
    "'": "'",
    '\\': '\\'
};

/**
 * Decodes a quoted SOQL string literal (SOQL and SOSL Reference: "Quoted
 * String Escape Sequences"). With `likePattern` set, the result is a
 * SQLite LIKE pattern for `ESCAPE '\'`: `%` and `_` stay wildcards, while
 * `\%`, `\_` and every other decoded character match themselves.
 */
export function decodeStringLiteral(quoted: string, likePattern = false): string {
    if (quoted.length < 2 || !quoted.startsWith("'") || !quoted.endsWith("'")) {
        throw malformedQuery(`Expected a string literal in single quotes, found ${quoted}.`);
    }
    const body = quoted.slice(1, -1);
    let output = '';
    for (let index = 0; index < body.length; index++) {
        const character = body.charAt(index);
        if (character !== '\\') {
            output += character;
            continue;
        }

        const next = body.charAt(index + 1);
        index += 1;
        if (next === '%' || next === '_') {
            if (!likePattern) {
                throw malformedQuery(
                    `The escape \\${next} in ${quoted} is only valid in a LIKE pattern.`
                );
            }
            output += `\\${next}`;
            continue;
        }

        const decoded = decodeEscape(next, body, index, quoted);
        index += next === 'u' ? 4 : 0;
        output += likePattern ? escapeLikeCharacter(decoded) : decoded;
    }
    return output;
}

function decodeEscape(next: string, body: string, index: number, quoted: string): string {
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
        return simple;
    }
    if (next === 'u') {
        const hex = body.slice(index + 1, index + 5);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
            return String.fromCharCode(parseInt(hex, 16));
        }
    }
    throw malformedQuery(
        `Invalid escape sequence \\${next} in ${quoted}. Valid escapes are \\n, \\r, \\t, ` +
            '\\b, \\f, \\", \\\', \\\\ and \\uXXXX, plus \\% and \\_ in LIKE patterns.'
    );
}

function escapeLikeCharacter(character: string): string {
    return character === '%' || character === '_' || character === '\\'
        ? `\\${character}`
        : character;
}

/** Checks a date literal `YYYY-MM-DD` and returns it unchanged. */
export function parseDateLiteral(text: string): string {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
        throw malformedQuery(
            `Invalid date ${text}: write dates as YYYY-MM-DD, for example 2026-01-31.`
        );
    }
    return text;
}

/**
 * Converts a datetime literal with `Z` or an offset (`+hh:mm`, `-hh:mm`,
 * `+hhmm`) to the stored UTC form (SOQL and SOSL Reference: "Date Formats
 * and Date Literals in WHERE").
 */
export function parseDatetimeLiteral(text: string): string {
    const match =
        /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/.exec(
            text
        );
    if (!match) {
        throw invalidDatetime(text);
    }
    const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
    if (!isCalendarDate(year!, month!, day!) || hour! > 23 || minute! > 59 || second! > 59) {
        throw invalidDatetime(text);
    }
    const millis = Math.round(Number(match[7] ?? '0') * 1000);
    const offsetMinutes = parseOffsetMinutes(match[8] ?? 'Z');
    const utc =
        Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, millis) - offsetMinutes * 60_000;
    return formatDatetime(new Date(utc));
}

/** Formats an instant the way the storage layer stores datetimes. */
export function formatDatetime(instant: Date): string {
    return instant.toISOString().replace('Z', '+0000');
}

/** Formats the UTC calendar day of an instant as `YYYY-MM-DD`. */
export function formatDate(instant: Date): string {
    return instant.toISOString().slice(0, 10);
}

function parseOffsetMinutes(offset: string): number {
    if (offset === 'Z') {
        return 0;
    }
    const digits = offset.slice(1).replace(':', '');
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    return offset.startsWith('-') ? -minutes : minutes;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
    const date = new Date(Date.UTC(year, month - 1, day));
    return (
        date.getUTCFullYear() === year &&
        date.getUTCMonth() === month - 1 &&
        date.getUTCDate() === day
    );
}

function invalidDatetime(text: string): Error {
    return malformedQuery(
        `Invalid datetime ${text}: write datetimes as YYYY-MM-DDThh:mm:ssZ or with an ` +
            'offset such as +01:00.'
    );
}
