/**
 * Types shared by the files of the rules module. Every type here is
 * re-exported from licenseRules.ts with `export type`, so Babel can strip
 * them without leaving imports behind.
 */

/** Stable code of a license in the catalogue. */
export type LicenseCode =
    | 'CTI'
    | 'FREEDOM'
    | 'SCV'
    | 'VOICE'
    | 'RECORD'
    | 'PCI'
    | 'INSIGHTS'
    | 'AI_PROMPT_STUDIO'
    | 'SMS'
    | 'WHATSAPP';

/** Group a license is shown under. */
export type LicenseGroup = 'INTERFACE' | 'VOICE_FEATURE' | 'DIGITAL_CHANNEL';

/** Licenses one user holds: one flag per catalogue license. */
export type LicenseState = Readonly<Record<LicenseCode, boolean>>;

/** One license of the catalogue. */
export interface LicenseDefinition {
    readonly code: LicenseCode;
    readonly label: string;
    readonly group: LicenseGroup;
    readonly description: string;
    /** Features the license grants, as a UI lists them. */
    readonly features: readonly string[];
    /** Checkbox field on `Natterbox_User_License__c` that stores the license. */
    readonly fieldApiName: string;
}

/** Group heading of the catalogue. */
export interface LicenseGroupDefinition {
    readonly code: LicenseGroup;
    readonly label: string;
}

/** Identifier of a decision taken where the licensing source is silent. */
export type AssumptionId =
    | 'CTI_WITH_FREEDOM_USES_NO_SEAT'
    | 'STANDALONE_CTI_SEATS_MEAN_LEGACY'
    | 'SEATS_COUNT_INACTIVE_HOLDERS'
    | 'DOWNGRADE_REMOVES_NOTHING'
    | 'UNKNOWN_SUBSCRIPTIONS_MIRRORED';

/** Decision taken where the licensing source is silent, with the policy value the code reads. */
export interface Assumption {
    readonly id: AssumptionId;
    readonly statement: string;
    readonly value: boolean;
    /** Code that reads the value, so a reader knows what changes with it. */
    readonly appliedBy: string;
}

/** Seat counts of one license, as the rules engine needs them. */
export interface SeatCount {
    readonly purchased: number;
    /** Holders consuming a seat, including the user being changed in their current state. */
    readonly assigned: number;
}

/** Organisation facts the rules depend on. */
export interface RuleContext {
    readonly legacyCtiAllowed: boolean;
    /**
     * Seat counts per license. Without them no seat check runs. With them,
     * a license without an entry (or with a `null` one) has no seats.
     */
    readonly seats?: Partial<Record<LicenseCode, SeatCount>>;
}

/** A request to add or remove one license for one user. */
export interface Change {
    readonly license: LicenseCode;
    readonly action: 'add' | 'remove';
}

/** A license added or removed by a rule as a consequence of a change. */
export interface Cascade {
    readonly license: LicenseCode;
    readonly action: 'add' | 'remove';
    readonly ruleCode: string;
    /** Sentence a UI can show, for example "Adding Freedom also adds CTI." */
    readonly reason: string;
}

/** A broken rule: errors block a change, warnings never do. */
export interface Violation {
    readonly code: string;
    readonly severity: 'error' | 'warning';
    readonly licenses: LicenseCode[];
    /** Sentence naming the licenses by label. */
    readonly message: string;
}

/** Outcome of applyChange. */
export interface ApplyResult {
    readonly accepted: boolean;
    /** The new state when accepted, or the input state itself when rejected. */
    readonly state: LicenseState;
    readonly cascades: Cascade[];
    /**
     * When rejected: the errors that explain why. When accepted: every
     * violation of the new state (warnings, and errors the input already had).
     */
    readonly violations: Violation[];
}

/** Licenses one change set adds and removes. */
export interface StateDiff {
    readonly added: LicenseCode[];
    readonly removed: LicenseCode[];
}

/** A license implying another: holding `license` means holding `brings`. */
export interface ImplicationRule {
    readonly ruleCode: string;
    readonly license: LicenseCode;
    readonly brings: LicenseCode;
}

/** Licenses that one user may not hold together. */
export interface ExclusionRule {
    readonly ruleCode: string;
    readonly licenses: readonly [LicenseCode, LicenseCode];
}

/** A license allowed without `unlessHolding` only when the context setting is true. */
export interface GateRule {
    readonly ruleCode: string;
    readonly license: LicenseCode;
    readonly unlessHolding: LicenseCode;
    readonly setting: 'legacyCtiAllowed';
}

/** A soft rule: holding `license` without `suggests` gives a warning. */
export interface SuggestionRule {
    readonly ruleCode: string;
    readonly license: LicenseCode;
    readonly suggests: LicenseCode;
}

/** The declaration of every rule between licenses. */
export interface RuleTable {
    readonly implications: readonly ImplicationRule[];
    readonly exclusions: readonly ExclusionRule[];
    readonly gates: readonly GateRule[];
    readonly suggestions: readonly SuggestionRule[];
}

/** A subscription the organisation bought; `license` may be outside the catalogue. */
export interface Subscription {
    readonly license: string;
    readonly purchased: number;
    /** Label to show for a license outside the catalogue, by default the code. */
    readonly label?: string;
}

/** A user holding licenses, for seat counting. */
export interface SeatHolder {
    readonly licenses: LicenseState;
    /** Whether the Salesforce user is active. */
    readonly active: boolean;
}

/** Precomputed seat counts of one license, for example from an aggregate query. */
export interface SeatHolderCount {
    readonly license: string;
    /** Holders consuming a seat, active or not. */
    readonly assigned: number;
    /** Holders among `assigned` whose Salesforce user is inactive. */
    readonly reclaimable: number;
}

/** One row of the seat table. */
export interface SeatUsage {
    readonly license: string;
    readonly label: string;
    readonly purchased: number;
    readonly assigned: number;
    /** Seats left to assign: max(0, purchased - assigned). */
    readonly available: number;
    /** Holders beyond the purchased seats: max(0, assigned - purchased). */
    readonly overAllocatedBy: number;
    /** Seats held by inactive users, which releasing them would free. */
    readonly reclaimable: number;
    /** True for catalogue licenses, false for subscriptions outside the catalogue. */
    readonly assignable: boolean;
}
