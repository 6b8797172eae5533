/**
 * License states: plain frozen objects with one boolean per catalogue
 * license, so they compare and serialise without surprises.
 */
import { LICENSE_CODES } from './catalogue';
import type { LicenseCode, LicenseState, StateDiff } from './types';

/** Creates a state holding no license. */
export function emptyState(): LicenseState {
    return stateOf([]);
}

/** Creates a state holding exactly the given licenses. */
export function stateOf(licenses: readonly LicenseCode[]): LicenseState {
    const held = new Set<LicenseCode>(licenses);
    const state = {} as Record<LicenseCode, boolean>;
    for (const code of LICENSE_CODES) {
        state[code] = held.has(code);
    }
    return Object.freeze(state);
}

/**
 * Copies a state into the canonical shape: every catalogue code present,
 * `true` only for a value that is exactly `true`, other keys dropped.
 */
export function normalizeState(state: Partial<Record<LicenseCode, unknown>>): LicenseState {
    return stateOf(LICENSE_CODES.filter((code) => state[code] === true));
}

/** Lists the licenses a state holds, in catalogue order. */
export function heldLicenses(state: LicenseState): LicenseCode[] {
    return LICENSE_CODES.filter((code) => state[code]);
}

/** Returns a copy of the state with one license set to the given value. */
export function withLicense(
    state: LicenseState,
    license: LicenseCode,
    held: boolean
): LicenseState {
    return Object.freeze({ ...normalizeState(state), [license]: held });
}

/** Lists the licenses added and removed between two states, in catalogue order. */
export function diffStates(before: LicenseState, after: LicenseState): StateDiff {
    return {
        added: LICENSE_CODES.filter((code) => !before[code] && after[code]),
        removed: LICENSE_CODES.filter((code) => before[code] && !after[code])
    };
}

/** Checks whether two states hold the same licenses. */
export function sameState(left: LicenseState, right: LicenseState): boolean {
    return LICENSE_CODES.every((code) => Boolean(left[code]) === Boolean(right[code]));
}
