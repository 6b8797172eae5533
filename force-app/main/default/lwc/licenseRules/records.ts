/**
 * Conversion between license states and `Natterbox_User_License__c`
 * records, whose checkbox fields are named in the catalogue.
 */
import { LICENSES } from './catalogue';
import { normalizeState, stateOf } from './state';
import type { LicenseCode, LicenseState } from './types';

type RecordLike = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is RecordLike {
    return typeof value === 'object' && value !== null;
}

/**
 * Reads a field value in any of the shapes records arrive in: a plain
 * value (REST, SOQL), or `{ value }` (GraphQL wire adapter, UI API).
 */
function readCheckbox(record: RecordLike, fieldApiName: string): boolean {
    const raw = record[fieldApiName];
    if (isObject(raw) && 'value' in raw) {
        return raw.value === true;
    }
    return raw === true;
}

/**
 * Reads a per-user license record into a state. Accepts plain field values
 * (`{ Freedom__c: true }`), the GraphQL shape (`{ Freedom__c: { value: true } }`)
 * and a UI API record whose values sit under `fields`. A missing field,
 * `null` or any value other than `true` means the license is not held.
 */
export function stateFromRecord(record: unknown): LicenseState {
    if (!isObject(record)) {
        return stateOf([]);
    }
    const source = isObject(record.fields) ? record.fields : record;
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
