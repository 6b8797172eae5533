/**
 * Converts field values between REST JSON, the in-memory record form and
 * SQLite columns, and checks them the way a save in Salesforce does.
 */
import { ApiError } from '../errors';
import { normalizeId } from '../ids';
import type { FieldSchema } from '../schema/types';

/** Formats a Date the way the REST API writes datetimes: `2024-05-01T09:30:00.000+0000`. */
export function formatDateTime(date: Date): string {
    return date.toISOString().replace('Z', '+0000');
}

function invalidType(field: FieldSchema, value: unknown): ApiError {
    // Salesforce names the field by label in this message.
    return new ApiError(
        400,
        'INVALID_TYPE_ON_FIELD_IN_RECORD',
        `${field.label}: value not of required type: ${JSON.stringify(value)}`,
        [field.name]
    );
}

function coerceText(field: FieldSchema, value: unknown): string {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        throw invalidType(field, value);
    }
    const text = String(value);
    if (field.length !== undefined && text.length > field.length) {
        throw new ApiError(
            400,
            'STRING_TOO_LONG',
            `${field.label}: data value too large: ${text.slice(0, 40)} (max length=${field.length})`,
            [field.name]
        );
    }
    return text;
}

/** Decimal text as JSON writes numbers. Number() alone would also accept `0x10`, `0b11` and `Infinity`. */
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function coerceNumber(field: FieldSchema, value: unknown): number {
    const number =
        typeof value === 'string' && DECIMAL_TEXT.test(value.trim()) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) {
        throw invalidType(field, value);
    }
    const scale = field.scale ?? 0;
    const rounded = field.type === 'int' ? Math.round(number) : Number(number.toFixed(scale));
    const integerDigits = (field.precision ?? 18) - scale;
    // Compare magnitudes: the digits of String(1e300) are "1e+300", which is short.
    if (Math.abs(Math.trunc(rounded)) >= 10 ** integerDigits) {
        throw new ApiError(
            400,
            'NUMBER_OUTSIDE_VALID_RANGE',
            `${field.label}: value outside of valid range on numeric field: ${number}`,
            [field.name]
        );
    }
    return rounded;
}

function coerceBoolean(field: FieldSchema, value: unknown): boolean {
    if (typeof value === 'boolean') {
        return value;
    }
    if (value === 'true' || value === 'false') {
        return value === 'true';
    }
    throw invalidType(field, value);
}

/** True when year, month and day name a real calendar day. Date itself rolls 2024-02-30 over to March 1. */
function isCalendarDay(year: number, month: number, day: number): boolean {
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function coerceDate(field: FieldSchema, value: unknown): string {
    const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
    if (!match || !isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) {
        throw invalidType(field, value);
    }
    return match[0];
}

/**
 * ISO 8601 as the REST API reads datetimes: a date, then optionally a time
 * with seconds, fraction and a `Z`, `+hh:mm` or Salesforce's `+hhmm` offset.
 */
const DATETIME_TEXT =
    /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$/;

function coerceDateTime(field: FieldSchema, value: unknown): string {
    const match = typeof value === 'string' ? DATETIME_TEXT.exec(value) : null;
    if (!match || !isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) {
        throw invalidType(field, value);
    }
    const text = value as string;
    const normalized = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    // Without a time, or with a time but no offset, the value is read as UTC.
    const withZone =
        match[4] === undefined || match[7] !== undefined ? normalized : `${normalized}Z`;
    const date = new Date(match[4] === undefined ? `${normalized}T00:00:00Z` : withZone);
    if (Number.isNaN(date.getTime())) {
        throw invalidType(field, value);
    }
    return formatDateTime(date);
}

/**
 * A loose email shape: one `@`, no spaces and a dot in the domain.
 * NOTE: Salesforce's own INVALID_EMAIL_ADDRESS check is stricter, and its rules are not documented in full.
 */
const EMAIL_TEXT = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function coerceEmail(field: FieldSchema, value: unknown): string {
    const text = coerceText(field, value);
    if (!EMAIL_TEXT.test(text)) {
        throw new ApiError(
            400,
            'INVALID_EMAIL_ADDRESS',
            `${field.label}: invalid email address: ${text}`,
            [field.name]
        );
    }
    return text;
}

function coercePicklist(field: FieldSchema, value: unknown): string {
    const text = coerceText(field, value);
    if (field.restrictedPicklist && !(field.picklistValues ?? []).includes(text)) {
        throw new ApiError(
            400,
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${field.label}: bad value for restricted picklist field: ${text}`,
            [field.name]
        );
    }
    return text;
}

function coerceReference(field: FieldSchema, value: unknown, prefixes: string[]): string {
    const id = typeof value === 'string' ? normalizeId(value) : null;
    if (!id || (prefixes.length > 0 && !prefixes.includes(id.slice(0, 3)))) {
        throw new ApiError(
            400,
            'MALFORMED_ID',
            `${field.label}: id value of incorrect type: ${String(value)}`,
            [field.name]
        );
    }
    return id;
}

/**
 * Converts one REST JSON value to the record form of its field: strings,
 * numbers, booleans, `YYYY-MM-DD` dates and `...T...000+0000` datetimes.
 * Null and the empty string clear the field (a checkbox becomes false).
 * `referencePrefixes` are the key prefixes a lookup may point at.
 */
export function coerceValue(
    field: FieldSchema,
    value: unknown,
    referencePrefixes: string[] = []
): unknown {
    if (value === null || value === undefined || value === '') {
        return field.type === 'boolean' ? false : null;
    }
    switch (field.type) {
        case 'boolean':
            return coerceBoolean(field, value);
        case 'double':
        case 'currency':
        case 'percent':
        case 'int':
            return coerceNumber(field, value);
        case 'date':
            return coerceDate(field, value);
        case 'datetime':
            return coerceDateTime(field, value);
        case 'picklist':
            return coercePicklist(field, value);
        case 'email':
            return coerceEmail(field, value);
        case 'reference':
        case 'id':
            return coerceReference(field, value, referencePrefixes);
        default:
            return coerceText(field, value);
    }
}

/** Converts a record-form value to the SQLite column value (booleans as 0 or 1). */
export function toColumn(field: FieldSchema, value: unknown): string | number | null {
    if (field.type === 'boolean') {
        return value === true ? 1 : 0;
    }
    if (value === undefined || value === null) {
        return null;
    }
    return typeof value === 'number' ? value : String(value);
}

/** Converts an SQLite column value back to the record form. */
export function fromColumn(field: FieldSchema, value: unknown): unknown {
    if (field.type === 'boolean') {
        return value === 1 || value === 1n || value === true;
    }
    if (typeof value === 'bigint') {
        return Number(value);
    }
    return value ?? null;
}
