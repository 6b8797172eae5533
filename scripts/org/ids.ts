/**
 * Salesforce-style record IDs: a 3-character key prefix, 12 base-62
 * characters, then the 3-character case-safe suffix that turns the
 * 15-character ID into the 18-character form.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * Computes the case-safe suffix of a 15-character ID, as CASESAFEID() and
 * the API's 18-character IDs carry it. Each 5-character chunk gives one
 * suffix character whose bits mark the upper-case letters of the chunk,
 * lowest bit first.
 */
export function caseSafeSuffix(id15: string): string {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let position = 0; position < 5; position++) {
            const character = id15.charAt(chunk * 5 + position);
            if (character >= 'A' && character <= 'Z') {
                bits |= 1 << position;
            }
        }
        suffix += SUFFIX_ALPHABET.charAt(bits);
    }
    return suffix;
}

/** Builds the 18-character ID for a key prefix and a sequence number. */
export function recordId(keyPrefix: string, sequence: number): string {
    let body = '';
    let rest = sequence;
    for (let i = 0; i < 12; i++) {
        body = BASE62.charAt(rest % 62) + body;
        rest = Math.floor(rest / 62);
    }
    const id15 = keyPrefix + body;
    return id15 + caseSafeSuffix(id15);
}

/** Converts a 15- or 18-character ID to its 18-character form, or returns null when it is not an ID. */
export function normalizeId(value: string): string | null {
    if (/^[a-zA-Z0-9]{18}$/.test(value)) {
        return caseSafeSuffix(value.slice(0, 15)) === value.slice(15) ? value : null;
    }
    if (/^[a-zA-Z0-9]{15}$/.test(value)) {
        return value + caseSafeSuffix(value);
    }
    return null;
}
