/**
 * License states: plain frozen objects with one boolean per catalogue
 * license, so they compare and serialise without surprises.
 */
import { LICENSE_CODES, UnknownLicenseError, isLicenseCode } from './catalogue';
import { describeValue, isPlainObject } from './inputs';
import type { LicenseCode, LicenseState, StateDiff } from './types';

/** Creates a state holding no license. */
export function emptyState(): LicenseState {
    return stateOf([]);
}

/**
 * Creates a state holding exactly the given licenses. Throws TypeError for
 * a list that is not an array and UnknownLicenseError for a code outside
 * the catalogue, which would otherwise be dropped without a trace.
 */
export function stateOf(licenses: readonly LicenseCode[]): LicenseState {
    if (!Array.isArray(licenses)) {
        throw new TypeError(
            `Invalid license list ${describeValue(licenses)}: expected an array of license codes.`
        );
    }
    for (const license of licenses) {
        if (!isLicenseCode(license)) {
            throw new UnknownLicenseError(license);
        }
    }
    const held = new Set<LicenseCode>(licenses);
    return buildState((code) => held.has(code));
}

function buildState(isHeld: (code: LicenseCode) => boolean): LicenseState {
    const state = {} as Record<LicenseCode, boolean>;
    for (const code of LICENSE_CODES) {
        state[code] = isHeld(code);
    }
    return Object.freeze(state);
}

/**
 * Copies a state into the canonical shape: every catalogue code present,
 * `true` only for a value that is exactly `true`, other keys dropped.
 * Every function of the module that takes a state reads it this way.
 * Throws TypeError for a state that is not an object.
 */
export function normalizeState(state: Partial<Record<LicenseCode, unknown>>): LicenseState {
    if (!isPlainObject(state)) {
        throw new TypeError(
            `Invalid license state ${describeValue(state)}: expected an object with one boolean per license code.`
        );
    }
    return buildState((code) => state[code] === true);
}

/** Lists the licenses a state holds, in catalogue order. */
export function heldLicenses(state: LicenseState): LicenseCode[] {
    const normalized = normalizeState(state);
    return LICENSE_CODES.filter((code) => normalized[code]);
}

/**
 * Returns a copy of the state with one license set to the given value.
 * Throws UnknownLicenseError for a code outside the catalogue and
 * TypeError for a value that is not a boolean.
 */
export function withLicense(
    state: LicenseState,
    license: LicenseCode,
    held: boolean
): LicenseState {
    if (!isLicenseCode(license)) {
        throw new UnknownLicenseError(license);
    }
    if (typeof held !== 'boolean') {
        throw new TypeError(
            `Invalid held flag for license "${license}": ${describeValue(held)}. Expected true or false.`
        );
    }
    return Object.freeze({ ...normalizeState(state), [license]: held });
}

/** Lists the licenses added and removed between two states, in catalogue order. */
export function diffStates(before: LicenseState, after: LicenseState): StateDiff {
    const from = normalizeState(before);
    const to = normalizeState(after);
    return {
        added: LICENSE_CODES.filter((code) => !from[code] && to[code]),
        removed: LICENSE_CODES.filter((code) => from[code] && !to[code])
    };
}

/** Checks whether two states hold the same licenses. */
export function sameState(left: LicenseState, right: LicenseState): boolean {
    const first = normalizeState(left);
    const second = normalizeState(right);
    return LICENSE_CODES.every((code) => first[code] === second[code]);
}
