/**
 * Conversion between license states and `Natterbox_User_License__c`
 * records, whose checkbox fields are named in the catalogue.
 */
import { LICENSES } from './catalogue';
import { describeValue, isPlainObject } from './inputs';
import { normalizeState, stateOf } from './state';
import type { LicenseCode, LicenseState } from './types';

type RecordLike = Readonly<Record<string, unknown>>;

/**
 * Reads one checkbox value: a boolean, the text `true` or `false` in any
 * case (the form of text exports such as CSV), or `null` and a missing
 * value for not held. Any other value throws, because reading it as not
 * held would clear the license when the record is written back.
 */
function readCheckboxValue(fieldApiName: string, value: unknown): boolean {
    if (typeof value === 'boolean') {
        return value;
    }
    if (value === null || value === undefined) {
        return false;
    }
    if (typeof value === 'string') {
        const text = value.toLowerCase();
        if (text === 'true' || text === 'false') {
            return text === 'true';
        }
    }
    throw new TypeError(
        `Invalid value for checkbox field ${fieldApiName}: ${describeValue(value)}. Expected true, false or null.`
    );
}

/**
 * Reads a field value in any of the shapes records arrive in: a plain
 * value (REST, SOQL), or `{ value }` (GraphQL wire adapter, UI API).
 */
function readCheckbox(record: RecordLike, fieldApiName: string): boolean {
    const raw = record[fieldApiName];
    if (isPlainObject(raw)) {
        return readCheckboxValue(fieldApiName, 'value' in raw ? raw.value : raw);
    }
    return readCheckboxValue(fieldApiName, raw);
}

/**
 * Reads a per-user license record into a state. Accepts plain field values
 * (`{ Freedom__c: true }`), the GraphQL shape (`{ Freedom__c: { value: true } }`)
 * and a UI API record whose values sit under `fields`. A missing field or
 * `null` means the license is not held, and so does a `null` or `undefined`
 * record. Throws TypeError for a record that is not an object and for a
 * checkbox value that readCheckboxValue cannot read.
 */
export function stateFromRecord(record: unknown): LicenseState {
    if (record === null || record === undefined) {
        return stateOf([]);
    }
    if (!isPlainObject(record)) {
        throw new TypeError(
            `Invalid license record ${describeValue(record)}: expected an object with the license checkbox fields.`
        );
    }
    const source = isPlainObject(record.fields) ? record.fields : record;
    const held: LicenseCode[] = LICENSES.filter((license) =>
        readCheckbox(source, license.fieldApiName)
    ).map((license) => license.code);
    return stateOf(held);
}

/** Writes a state as the checkbox fields of a per-user license record. */
export function stateToRecordFields(state: LicenseState): Record<string, boolean> {
    const normalized = normalizeState(state);
    const fields: Record<string, boolean> = {};
    for (const license of LICENSES) {
        fields[license.fieldApiName] = normalized[license.code];
    }
    return fields;
}
