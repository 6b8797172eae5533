/**
 * Violations and cascades with the sentences a UI shows. Every message
 * names licenses by label, never by code.
 */
import { licenseLabel } from './catalogue';
import { RULE_CODES } from './ruleTable';
import type {
    Cascade,
    ExclusionRule,
    GateRule,
    ImplicationRule,
    LicenseCode,
    SuggestionRule,
    Violation
} from './types';

function error(code: string, licenses: LicenseCode[], message: string): Violation {
    return { code, severity: 'error', licenses, message };
}

function formatSeats(count: number): string {
    return count === 1 ? '1 seat' : `${count} seats`;
}

/** Creates the error for a state holding a license without the license it brings. */
export function missingImpliedLicense(rule: ImplicationRule): Violation {
    const holder = licenseLabel(rule.license);
    const brought = licenseLabel(rule.brings);
    return error(
        rule.ruleCode,
        [rule.license, rule.brings],
        `${holder} includes ${brought}, so a user who holds ${holder} must also hold ${brought}.`
    );
}

/** Creates the error for removing a license that a held license brings. */
export function impliedLicenseRemoval(rule: ImplicationRule): Violation {
    const holder = licenseLabel(rule.license);
    const brought = licenseLabel(rule.brings);
    return error(
        rule.ruleCode,
        [rule.brings, rule.license],
        `${brought} comes with ${holder} and cannot be removed on its own. Remove ${holder} to remove both.`
    );
}

/** Creates the error for holding two licenses that exclude each other. */
export function excludedPair(rule: ExclusionRule): Violation {
    const [first, second] = rule.licenses;
    return error(
        rule.ruleCode,
        [first, second],
        `${licenseLabel(first)} and ${licenseLabel(second)} cannot be combined for one user.`
    );
}

/** Creates the error for holding a gated license without its companion or the setting. */
export function gatedLicense(rule: GateRule): Violation {
    const gated = licenseLabel(rule.license);
    const companion = licenseLabel(rule.unlessHolding);
    return error(
        rule.ruleCode,
        [rule.license, rule.unlessHolding],
        `${gated} without ${companion} is available only in legacy ${gated} organisations. Assign ${companion}, which includes ${gated}.`
    );
}

/** Creates the warning for holding a license without the one it is usually paired with. */
export function suggestedLicense(rule: SuggestionRule): Violation {
    const held = licenseLabel(rule.license);
    const suggested = licenseLabel(rule.suggests);
    return {
        code: rule.ruleCode,
        severity: 'warning',
        licenses: [rule.license, rule.suggests],
        message: `${held} is usually assigned together with ${suggested}. Consider adding ${suggested}.`
    };
}

/** Creates the error for a license whose holders need more seats than were purchased. */
export function seatsExceeded(license: LicenseCode, purchased: number, needed: number): Violation {
    const label = licenseLabel(license);
    const verb = purchased === 1 ? 'is' : 'are';
    return error(
        RULE_CODES.SEATS_EXCEEDED,
        [license],
        `${label} needs ${formatSeats(needed)} but only ${formatSeats(purchased)} ${verb} purchased.`
    );
}

/** Creates the error for a license with no subscription or zero purchased seats. */
export function licenseNotPurchased(license: LicenseCode): Violation {
    const label = licenseLabel(license);
    return error(
        RULE_CODES.LICENSE_NOT_PURCHASED,
        [license],
        `No ${label} seats are purchased, so ${label} cannot be assigned.`
    );
}

/** Creates the cascade a rule causes, with the reason a UI shows. */
export function cascadeOf(rule: ImplicationRule, action: 'add' | 'remove'): Cascade {
    const verb = action === 'add' ? 'Adding' : 'Removing';
    const effect = action === 'add' ? 'adds' : 'removes';
    return {
        license: rule.brings,
        action,
        ruleCode: rule.ruleCode,
        reason: `${verb} ${licenseLabel(rule.license)} also ${effect} ${licenseLabel(rule.brings)}.`
    };
}
