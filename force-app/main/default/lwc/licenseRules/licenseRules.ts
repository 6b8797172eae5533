/**
 * Natterbox license rules, shared by the components (as `c/licenseRules`)
 * and by Node code (the sync job, the validation-rule generator). Plain data
 * in, plain data out: no platform, network or clock. LWC needs everything
 * public re-exported from this main file of the bundle.
 */
export type {
    ApplyResult,
    Assumption,
    AssumptionId,
    Cascade,
    Change,
    ExclusionRule,
    GateRule,
    ImplicationRule,
    LicenseCode,
    LicenseDefinition,
    LicenseGroup,
    LicenseGroupDefinition,
    LicenseState,
    RuleContext,
    RuleTable,
    SeatCount,
    SeatHolder,
    SeatHolderCount,
    SeatUsage,
    StateDiff,
    Subscription,
    SuggestionRule,
    Violation
} from './types';
export { ASSUMPTIONS, assumptionValue } from './assumptions';
export {
    DIGITAL_FEATURES,
    LICENSES,
    LICENSE_CODES,
    LICENSE_GROUPS,
    UnknownLicenseError,
    getLicense,
    isLicenseCode,
    licenseLabel
} from './catalogue';
export { InvalidChangeError, applyChange } from './engine';
export { InvalidSeatCountError } from './inputs';
export { stateFromRecord, stateToRecordFields } from './records';
export { RULE_CODES, RULE_TABLE } from './ruleTable';
export { checkSeatForAdd, seatConsumingLicenses, updateSeatContext } from './seats';
export {
    computeSeatUsage,
    countSeatHolders,
    seatHolderFilter,
    seatUsageFromCounts,
    suggestLegacyCtiAllowed
} from './seatUsage';
export {
    diffStates,
    emptyState,
    heldLicenses,
    normalizeState,
    sameState,
    stateOf,
    withLicense
} from './state';
export { isValidState, stateErrors, validateState } from './validate';
