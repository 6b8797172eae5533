/**
 * Exports that docs/architecture.md promises for `c/licenseRules`, with
 * the kind of value each one is. Components, the sync job and the
 * validation-rule generator are written against these names.
 */
export const DOCUMENTED_EXPORTS: Readonly<Record<string, 'function' | 'array' | 'object'>> = {
    LICENSES: 'array',
    LICENSE_CODES: 'array',
    LICENSE_GROUPS: 'array',
    DIGITAL_FEATURES: 'array',
    ASSUMPTIONS: 'array',
    RULE_TABLE: 'object',
    emptyState: 'function',
    stateFromRecord: 'function',
    stateToRecordFields: 'function',
    applyChange: 'function',
    validateState: 'function',
    seatConsumingLicenses: 'function',
    computeSeatUsage: 'function',
    diffStates: 'function',
    RULE_CODES: 'object',
    stateOf: 'function',
    normalizeState: 'function',
    heldLicenses: 'function',
    withLicense: 'function',
    sameState: 'function',
    getLicense: 'function',
    licenseLabel: 'function',
    isLicenseCode: 'function',
    assumptionValue: 'function',
    stateErrors: 'function',
    isValidState: 'function',
    checkSeatForAdd: 'function',
    updateSeatContext: 'function',
    countSeatHolders: 'function',
    seatUsageFromCounts: 'function',
    seatHolderFilter: 'function',
    suggestLegacyCtiAllowed: 'function',
    UnknownLicenseError: 'function',
    InvalidChangeError: 'function',
    InvalidSeatCountError: 'function'
};

/** Lists documented exports that are missing or of the wrong kind. */
export function findApiMismatches(module: Record<string, unknown>): string[] {
    return Object.entries(DOCUMENTED_EXPORTS)
        .filter(([name, kind]) => {
            const value = module[name];
            if (kind === 'array') {
                return !Array.isArray(value);
            }
            return typeof value !== kind || value === null;
        })
        .map(([name, kind]) => `${name} should be a ${kind}`);
}
