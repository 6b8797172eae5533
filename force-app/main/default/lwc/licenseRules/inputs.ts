/**
 * Checks of the plain data callers pass in. A malformed value raises a
 * named error that shows the value, because a misread seat count or flag
 * would let a change pass a rule.
 */

/** Error for a seat count that is not a whole number from 0 to Number.MAX_SAFE_INTEGER. */
export class InvalidSeatCountError extends Error {
    constructor(what: string, license: string, value: unknown) {
        super(
            `Invalid ${what} for license ${describeValue(license)}: ${describeValue(value)}. Expected a whole number from 0 to ${Number.MAX_SAFE_INTEGER}.`
        );
        this.name = 'InvalidSeatCountError';
    }
}

/**
 * Formats a value for an error message. JSON.stringify alone would print
 * NaN and Infinity as null and drop undefined.
 */
export function describeValue(value: unknown): string {
    if (typeof value === 'number' || value === undefined) {
        return String(value);
    }
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        return String(value);
    }
}

/** Returns the value as a seat count, and throws InvalidSeatCountError unless it is one. */
export function requireSeatCount(what: string, license: string, value: unknown): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        throw new InvalidSeatCountError(what, license, value);
    }
    return value;
}

/** Checks whether a value is a non-null object that is not an array. */
export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
