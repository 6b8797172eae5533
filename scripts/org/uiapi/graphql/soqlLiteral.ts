import type { FieldSchema } from '../../schema/types';
import { GraphQlRequestError } from '../errors';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Writes a GraphQL filter value as a SOQL literal of the field's type.
 * Strings are quoted and escaped as the SOQL and SOSL Reference ("Quoted
 * String Escape Sequences") describes, so a value can never end the literal.
 *
 * @throws GraphQlRequestError when the value does not fit the field's type.
 */
export function toSoqlLiteral(field: FieldSchema, value: unknown): string {
    if (value === null) {
        return 'null';
    }
    if (value === undefined) {
        throw new GraphQlRequestError(
            `Missing filter value for field ${field.name}: the variable used here was not provided. Send it in variables.`,
            'ValidationError'
        );
    }
    switch (field.type) {
        case 'boolean':
            return formatBoolean(field, value);
        case 'double':
        case 'int':
        case 'currency':
        case 'percent':
            return formatNumber(field, value);
        case 'date':
            return formatPattern(field, value, datePattern, 'YYYY-MM-DD');
        case 'datetime':
            return formatPattern(field, value, dateTimePattern, 'YYYY-MM-DDThh:mm:ssZ');
        default:
            return quoteString(field, value);
    }
}

/** Escapes a string for a single-quoted SOQL literal. */
export function quoteSoqlString(text: string): string {
    const escaped = text
        .replace(/\\/g, '\\\\')
        .replace(/'/g, "\\'")
        .replace(/\n/g, '\\n')
        .replace(/\r/g, '\\r')
        .replace(/\t/g, '\\t');
    return `'${escaped}'`;
}

function formatBoolean(field: FieldSchema, value: unknown): string {
    if (typeof value !== 'boolean') {
        throw invalidValue(field, value, 'true or false');
    }
    return value ? 'true' : 'false';
}

function formatNumber(field: FieldSchema, value: unknown): string {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw invalidValue(field, value, 'a number');
    }
    return String(value);
}

function formatPattern(field: FieldSchema, value: unknown, pattern: RegExp, shape: string): string {
    if (typeof value !== 'string' || !pattern.test(value)) {
        throw invalidValue(field, value, `a string shaped ${shape}`);
    }
    return value;
}

function quoteString(field: FieldSchema, value: unknown): string {
    if (typeof value !== 'string') {
        throw invalidValue(field, value, 'a string');
    }
    return quoteSoqlString(value);
}

function invalidValue(field: FieldSchema, value: unknown, expected: string): GraphQlRequestError {
    // JSON.stringify would print a number too large for a double (1e400) as null.
    const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
    return new GraphQlRequestError(
        `Invalid filter value ${shown} for field ${field.name} of type ${field.type}: expected ${expected}.`,
        'ValidationError'
    );
}
