/**
 * Field values as the UI API and the GraphQL API show them: the raw value
 * plus a display value. User Interface API Developer Guide, "Field Value":
 * `displayValue` is set for dates, datetimes and currency formatted for
 * display, for values localized to the user's language, and for related
 * records; otherwise it is null.
 */
import type { FieldSchema } from '../schema/types';

// NOTE: display values use the en-US locale, US dollars and UTC, while
// Salesforce formats them in the running user's locale, currency and time zone.
const currencyFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const dateFormat = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC'
});
const dateTimeFormat = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
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

/** Returns the display value of a field value, or null when the UI API shows none. */
export function toDisplayValue(field: FieldSchema, value: unknown): string | null {
    if (value === null || value === undefined) {
        return null;
    }
    switch (field.type) {
        case 'currency':
            return typeof value === 'number' ? currencyFormat.format(value) : null;
        case 'date':
            return typeof value === 'string' ? formatDate(dateFormat, `${value}T00:00:00Z`) : null;
        case 'datetime':
            return typeof value === 'string'
                ? formatDate(dateTimeFormat, toIsoDateTime(value))
                : null;
        case 'picklist':
            // Picklist labels equal their API names in this project's metadata.
            return typeof value === 'string' ? value : null;
        default:
            return null;
    }
}

function formatDate(format: Intl.DateTimeFormat, isoText: string): string | null {
    const parsed = new Date(isoText);
    return Number.isNaN(parsed.getTime()) ? null : format.format(parsed);
}
