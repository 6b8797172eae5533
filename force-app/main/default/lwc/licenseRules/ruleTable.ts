/**
 * The one declaration of the rules between licenses. The engine, the
 * validation-rule generator and the docs read this table. The seat rules
 * (SEATS_EXCEEDED, LICENSE_NOT_PURCHASED) are not license pairs and live in
 * seats.ts.
 */
import type { RuleTable } from './types';

/** Rule codes, for callers that match on them. */
export const RULE_CODES = Object.freeze({
    FREEDOM_BRINGS_CTI: 'FREEDOM_BRINGS_CTI',
    FREEDOM_EXCLUDES_SCV: 'FREEDOM_EXCLUDES_SCV',
    CTI_STANDALONE_NEEDS_LEGACY: 'CTI_STANDALONE_NEEDS_LEGACY',
    INSIGHTS_SUGGESTS_AI_PROMPT_STUDIO: 'INSIGHTS_SUGGESTS_AI_PROMPT_STUDIO',
    SEATS_EXCEEDED: 'SEATS_EXCEEDED',
    LICENSE_NOT_PURCHASED: 'LICENSE_NOT_PURCHASED'
} as const);

/** Implications, exclusions, gates (hard rules) and suggestions (soft rules). */
export const RULE_TABLE: RuleTable = Object.freeze({
    // Assigning Freedom assigns CTI; removing Freedom removes CTI.
    implications: Object.freeze([
        Object.freeze({
            ruleCode: RULE_CODES.FREEDOM_BRINGS_CTI,
            license: 'FREEDOM',
            brings: 'CTI'
        } as const)
    ]),
    // One organisation may have users of both kinds, but one user holds at most one of them.
    exclusions: Object.freeze([
        Object.freeze({
            ruleCode: RULE_CODES.FREEDOM_EXCLUDES_SCV,
            licenses: Object.freeze(['FREEDOM', 'SCV'] as const)
        })
    ]),
    // CTI on its own exists only in organisations that bought CTI before Freedom replaced it.
    gates: Object.freeze([
        Object.freeze({
            ruleCode: RULE_CODES.CTI_STANDALONE_NEEDS_LEGACY,
            license: 'CTI',
            unlessHolding: 'FREEDOM',
            setting: 'legacyCtiAllowed'
        } as const)
    ]),
    // Insights provides the transcripts that AI prompts run on, so the two usually go together.
    suggestions: Object.freeze([
        Object.freeze({
            ruleCode: RULE_CODES.INSIGHTS_SUGGESTS_AI_PROMPT_STUDIO,
            license: 'INSIGHTS',
            suggests: 'AI_PROMPT_STUDIO'
        } as const)
    ])
});
