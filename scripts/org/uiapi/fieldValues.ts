/**
 * Field values as the UI API and the GraphQL API show them: the stored
 * value plus a display value. UI API Developer Guide, "Field Value":
 * `displayValue` is the formatted value, null when it equals `value`.
 */
import type { FieldSchema } from '../schema/types';

// NOTE: display values use the en-US locale and UTC, while Salesforce
// formats them in the running user's locale and time zone.
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 18 });
const dateTimeFormat = new Intl.DateTimeFormat('en-US', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'UTC'
});

/** Converts a REST datetime (`2026-01-02T03:04:05.000+0000`) to ISO 8601 with `Z`, as the UI API returns it. */
export function toIsoDateTime(value: string): string {
    const parsed = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString();
}

/** Returns a field's value in UI API form: datetimes in ISO 8601, everything else unchanged. */
export function toUiValue(field: FieldSchema, value: unknown): unknown {
    if (field.type === 'datetime' && typeof value === 'string') {
        return toIsoDateTime(value);
    }
    return value ?? null;
}

/** Returns the display value of a field value, or null when it shows as is. */
export function toDisplayValue(field: FieldSchema, value: unknown): string | null {
    if (value === null || value === undefined) {
        return null;
    }
    switch (field.type) {
        case 'double':
        case 'int':
        case 'currency':
        case 'percent':
            return typeof value === 'number' ? numberFormat.format(value) : null;
        case 'datetime':
            return typeof value === 'string' ? formatDateTime(value) : null;
        case 'picklist':
            // Picklist labels equal their API names in this project's metadata.
            return typeof value === 'string' ? value : null;
        default:
            return null;
    }
}

function formatDateTime(value: string): string | null {
    const parsed = new Date(toIsoDateTime(value));
    return Number.isNaN(parsed.getTime()) ? null : dateTimeFormat.format(parsed);
}
