/**
 * Checks a WHERE value against the type of the field it is compared with,
 * and converts it to the value SQLite stores (SOQL and SOSL Reference:
 * "fieldExpression Syntax", "Date Formats and Date Literals in WHERE").
 */
import type { LiteralType } from '@jetstreamapp/soql-parser-js';
import type { FieldType } from '../schema/types';
import { dateLiteralRange } from './dateLiterals';
import { invalidFieldUse, malformedQuery, unsupportedFeature } from './errors';
import { normalizeId } from '../ids';
import {
    decodeStringLiteral,
    formatDate,
    formatDatetime,
    parseDateLiteral,
    parseDatetimeLiteral
} from './literals';
import type { ResolvedField } from './scope';

/** A value bound to a SQL parameter. */
export type SqlValue = string | number | null;

/** The right-hand side of a comparison, ready for SQL. */
export type FilterOperand =
    | { kind: 'null' }
    | { kind: 'value'; value: string | number }
    | { kind: 'range'; start: string; end: string };

/** Groups of field types that accept the same literals. */
export type ValueFamily = 'text' | 'id' | 'boolean' | 'number' | 'date' | 'datetime';

/** Returns the value family of a field type. */
export function valueFamily(type: FieldType): ValueFamily {
    switch (type) {
        case 'id':
        case 'reference':
            return 'id';
        case 'boolean':
            return 'boolean';
        case 'double':
        case 'int':
        case 'currency':
        case 'percent':
            return 'number';
        case 'date':
            return 'date';
        case 'datetime':
            return 'datetime';
        default:
            return 'text';
    }
}

const FORMAT_HINTS: Record<ValueFamily, string> = {
    text: 'enclose text in single quotes',
    id: 'enclose the record ID in single quotes',
    boolean: 'use TRUE or FALSE without quotes',
    number: 'write the number without quotes',
    date: 'write the date as YYYY-MM-DD without quotes, or use a date literal such as TODAY',
    datetime:
        'write the datetime as YYYY-MM-DDThh:mm:ssZ without quotes, or use a date literal such as TODAY'
};

/** Options of {@link filterOperand}. */
export interface OperandOptions {
    /** True for the pattern of a LIKE condition. */
    likePattern: boolean;
    /** The instant date literals are relative to. */
    now: Date;
}

/**
 * Converts one literal of a condition on `resolved`. Raises INVALID_FIELD
 * when the literal's type does not fit the field, as Salesforce does.
 */
export function filterOperand(
    resolved: ResolvedField,
    literalType: LiteralType | undefined,
    raw: string,
    options: OperandOptions
): FilterOperand {
    const family = valueFamily(resolved.field.type);
    switch (literalType) {
        case 'NULL':
            return { kind: 'null' };
        case 'INTEGER_WITH_CURRENCY_PREFIX':
        case 'DECIMAL_WITH_CURRENCY_PREFIX':
            throw unsupportedFeature(
                `currency-prefixed values such as ${raw} (multiple currencies)`
            );
        case 'APEX_BIND_VARIABLE':
            throw malformedQuery(`Bind variables such as ${raw} are only valid in Apex.`);
        case 'DATE_LITERAL':
        case 'DATE_N_LITERAL':
            if (family === 'date' || family === 'datetime') {
                return rangeOperand(family, raw, options.now);
            }
            break;
        case 'STRING':
            if (family === 'text') {
                return { kind: 'value', value: decodeStringLiteral(raw, options.likePattern) };
            }
            if (family === 'id') {
                // NOTE: Salesforce rejects a malformed ID here (INVALID_QUERY_FILTER_OPERATOR).
                // This engine compares it as given, so it matches no record.
                const text = decodeStringLiteral(raw);
                return { kind: 'value', value: normalizeId(text) ?? text };
            }
            break;
        case 'BOOLEAN':
            if (family === 'boolean') {
                return { kind: 'value', value: raw.toUpperCase() === 'TRUE' ? 1 : 0 };
            }
            break;
        case 'INTEGER':
        case 'DECIMAL':
            if (family === 'number') {
                return { kind: 'value', value: Number(raw) };
            }
            break;
        case 'DATE':
            if (family === 'date') {
                return { kind: 'value', value: parseDateLiteral(raw) };
            }
            break;
        case 'DATETIME':
            if (family === 'datetime') {
                return { kind: 'value', value: parseDatetimeLiteral(raw) };
            }
            break;
        default:
            break;
    }
    throw invalidFieldUse(
        `${resolved.object.name}.${resolved.field.name}`,
        `the value ${raw} does not fit a field of type ${resolved.field.type}; ` +
            `${FORMAT_HINTS[family]}.`
    );
}

function rangeOperand(family: 'date' | 'datetime', literal: string, now: Date): FilterOperand {
    const range = dateLiteralRange(literal, now);
    const format = family === 'date' ? formatDate : formatDatetime;
    return { kind: 'range', start: format(range.start), end: format(range.end) };
}
