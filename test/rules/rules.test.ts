import {
    RULE_TABLE,
    applyChange,
    checkSeatForAdd,
    emptyState,
    stateOf,
    validateState
} from 'c/licenseRules';
import { codesOf, contextOf, held } from './support';

const strict = contextOf(false);
const legacy = contextOf(true);

describe('rule: Freedom brings CTI', () => {
    it('adds CTI with Freedom', () => {
        const result = applyChange(emptyState(), { license: 'FREEDOM', action: 'add' }, strict);

        expect(result.accepted).toBe(true);
        expect(held(result.state)).toEqual(['CTI', 'FREEDOM']);
        expect(result.cascades).toEqual([
            {
                license: 'CTI',
                action: 'add',
                ruleCode: 'FREEDOM_BRINGS_CTI',
                reason: 'Adding Freedom also adds CTI.'
            }
        ]);
    });

    it('adds no cascade when CTI is already held', () => {
        const result = applyChange(stateOf(['CTI']), { license: 'FREEDOM', action: 'add' }, legacy);

        expect(result.accepted).toBe(true);
        expect(held(result.state)).toEqual(['CTI', 'FREEDOM']);
        expect(result.cascades).toEqual([]);
    });

    it('removes CTI with Freedom', () => {
        const result = applyChange(
            stateOf(['CTI', 'FREEDOM', 'VOICE']),
            { license: 'FREEDOM', action: 'remove' },
            strict
        );

        expect(result.accepted).toBe(true);
        expect(held(result.state)).toEqual(['VOICE']);
        expect(result.cascades).toEqual([
            {
                license: 'CTI',
                action: 'remove',
                ruleCode: 'FREEDOM_BRINGS_CTI',
                reason: 'Removing Freedom also removes CTI.'
            }
        ]);
    });

    it('removes CTI with Freedom in a legacy org', () => {
        const result = applyChange(
            stateOf(['CTI', 'FREEDOM']),
            { license: 'FREEDOM', action: 'remove' },
            legacy
        );

        expect(result.accepted).toBe(true);
        expect(held(result.state)).toEqual([]);
        expect(result.cascades.map((cascade) => [cascade.action, cascade.license])).toEqual([
            ['remove', 'CTI']
        ]);
    });

    it('rejects removing CTI while Freedom is held', () => {
        const current = stateOf(['CTI', 'FREEDOM']);
        const result = applyChange(current, { license: 'CTI', action: 'remove' }, legacy);

        expect(result.accepted).toBe(false);
        expect(result.state).toBe(current);
        expect(result.cascades).toEqual([]);
        expect(result.violations).toEqual([
            {
                code: 'FREEDOM_BRINGS_CTI',
                severity: 'error',
                licenses: ['CTI', 'FREEDOM'],
                message:
                    'CTI comes with Freedom and cannot be removed on its own. Remove Freedom to remove both.'
            }
        ]);
    });

    it('reports Freedom without CTI as an error', () => {
        const violations = validateState(stateOf(['FREEDOM']), legacy);

        expect(codesOf(violations, 'error')).toEqual(['FREEDOM_BRINGS_CTI']);
        expect(violations[0]?.message).toBe(
            'Freedom includes CTI, so a user who holds Freedom must also hold CTI.'
        );
    });
});

describe('rule: CTI alone needs a legacy CTI org', () => {
    it('rejects CTI alone outside a legacy org', () => {
        const current = emptyState();
        const result = applyChange(current, { license: 'CTI', action: 'add' }, strict);

        expect(result.accepted).toBe(false);
        expect(result.state).toBe(current);
        expect(result.violations).toHaveLength(1);
        expect(result.violations[0]?.code).toBe('CTI_STANDALONE_NEEDS_LEGACY');
        expect(result.violations[0]?.licenses).toEqual(['CTI', 'FREEDOM']);
        expect(result.violations[0]?.message).toContain('CTI without Freedom');
    });

    it('accepts CTI alone in a legacy org', () => {
        const result = applyChange(emptyState(), { license: 'CTI', action: 'add' }, legacy);

        expect(result.accepted).toBe(true);
        expect(held(result.state)).toEqual(['CTI']);
        expect(result.violations).toEqual([]);
    });

    it('reports CTI alone as an error outside a legacy org', () => {
        expect(codesOf(validateState(stateOf(['CTI']), strict))).toEqual([
            'CTI_STANDALONE_NEEDS_LEGACY'
        ]);
        expect(validateState(stateOf(['CTI']), legacy)).toEqual([]);
    });

    it('lets a legacy org add CTI back after removing Freedom', () => {
        const removed = applyChange(
            stateOf(['CTI', 'FREEDOM']),
            { license: 'FREEDOM', action: 'remove' },
            legacy
        );
        const readded = applyChange(removed.state, { license: 'CTI', action: 'add' }, legacy);

        expect(readded.accepted).toBe(true);
        expect(held(readded.state)).toEqual(['CTI']);
    });
});

describe('rule: Freedom and Service Cloud Voice exclude each other', () => {
    it('rejects adding Freedom while holding Service Cloud Voice', () => {
        const current = stateOf(['SCV', 'VOICE']);
        const result = applyChange(current, { license: 'FREEDOM', action: 'add' }, strict);

        expect(result.accepted).toBe(false);
        expect(result.state).toBe(current);
        expect(result.violations).toEqual([
            {
                code: 'FREEDOM_EXCLUDES_SCV',
                severity: 'error',
                licenses: ['FREEDOM', 'SCV'],
                message: 'Freedom and Service Cloud Voice cannot be combined for one user.'
            }
        ]);
    });

    it('rejects adding Service Cloud Voice while holding Freedom', () => {
        const current = stateOf(['CTI', 'FREEDOM']);
        const result = applyChange(current, { license: 'SCV', action: 'add' }, legacy);

        expect(result.accepted).toBe(false);
        expect(result.state).toBe(current);
        expect(codesOf(result.violations)).toEqual(['FREEDOM_EXCLUDES_SCV']);
    });

    it('accepts Service Cloud Voice with legacy CTI', () => {
        const result = applyChange(stateOf(['CTI']), { license: 'SCV', action: 'add' }, legacy);

        expect(result.accepted).toBe(true);
        expect(held(result.state)).toEqual(['CTI', 'SCV']);
    });
});

describe('rule: Insights suggests AI Prompt Studio', () => {
    it('accepts Insights alone with a warning', () => {
        const result = applyChange(emptyState(), { license: 'INSIGHTS', action: 'add' }, strict);

        expect(result.accepted).toBe(true);
        expect(held(result.state)).toEqual(['INSIGHTS']);
        expect(result.violations).toEqual([
            {
                code: 'INSIGHTS_SUGGESTS_AI_PROMPT_STUDIO',
                severity: 'warning',
                licenses: ['INSIGHTS', 'AI_PROMPT_STUDIO'],
                message:
                    'Insights is usually assigned together with AI Prompt Studio. Consider adding AI Prompt Studio.'
            }
        ]);
    });

    it('warns when AI Prompt Studio is removed from an Insights user', () => {
        const result = applyChange(
            stateOf(['INSIGHTS', 'AI_PROMPT_STUDIO']),
            { license: 'AI_PROMPT_STUDIO', action: 'remove' },
            strict
        );

        expect(result.accepted).toBe(true);
        expect(codesOf(result.violations, 'warning')).toEqual([
            'INSIGHTS_SUGGESTS_AI_PROMPT_STUDIO'
        ]);
    });

    it('gives no warning when both are held', () => {
        expect(validateState(stateOf(['INSIGHTS', 'AI_PROMPT_STUDIO']), strict)).toEqual([]);
    });
});

describe('rule: Record can be given to any user', () => {
    it('accepts Record alone and with every interface', () => {
        for (const interfaces of [[], ['CTI', 'FREEDOM'], ['SCV'], ['CTI']] as const) {
            const result = applyChange(
                stateOf(interfaces),
                { license: 'RECORD', action: 'add' },
                legacy
            );
            expect(result.accepted).toBe(true);
            expect(result.state.RECORD).toBe(true);
        }
    });
});

describe('rule: seats', () => {
    it('rejects an add beyond the purchased seats', () => {
        const current = emptyState();
        const context = contextOf(false, { VOICE: { purchased: 5, assigned: 5 } });
        const result = applyChange(current, { license: 'VOICE', action: 'add' }, context);

        expect(result.accepted).toBe(false);
        expect(result.state).toBe(current);
        expect(result.violations).toEqual([
            {
                code: 'SEATS_EXCEEDED',
                severity: 'error',
                licenses: ['VOICE'],
                message: 'Voice needs 6 seats but only 5 seats are purchased.'
            }
        ]);
    });

    it('accepts an add onto the last free seat', () => {
        const context = contextOf(false, { VOICE: { purchased: 5, assigned: 4 } });
        const result = applyChange(emptyState(), { license: 'VOICE', action: 'add' }, context);

        expect(result.accepted).toBe(true);
        expect(result.violations).toEqual([]);
    });

    it('rejects a license without a subscription', () => {
        const context = contextOf(false, { VOICE: { purchased: 5, assigned: 0 } });
        const result = applyChange(emptyState(), { license: 'PCI', action: 'add' }, context);

        expect(result.accepted).toBe(false);
        expect(result.violations).toEqual([
            {
                code: 'LICENSE_NOT_PURCHASED',
                severity: 'error',
                licenses: ['PCI'],
                message: 'No PCI seats are purchased, so PCI cannot be assigned.'
            }
        ]);
    });

    it('rejects a license with zero purchased seats', () => {
        const context = contextOf(false, { PCI: { purchased: 0, assigned: 0 } });
        const result = applyChange(emptyState(), { license: 'PCI', action: 'add' }, context);

        expect(result.accepted).toBe(false);
        expect(codesOf(result.violations)).toEqual(['LICENSE_NOT_PURCHASED']);
    });

    it('allows removal of an over-allocated license', () => {
        const context = contextOf(false, { VOICE: { purchased: 2, assigned: 7 } });
        const result = applyChange(
            stateOf(['VOICE']),
            { license: 'VOICE', action: 'remove' },
            context
        );

        expect(result.accepted).toBe(true);
        expect(held(result.state)).toEqual([]);
    });

    it('allows removal of a license with no subscription', () => {
        const context = contextOf(false, {});
        const result = applyChange(stateOf(['PCI']), { license: 'PCI', action: 'remove' }, context);

        expect(result.accepted).toBe(true);
    });

    it('does not block other adds on an over-allocated license', () => {
        const context = contextOf(false, {
            VOICE: { purchased: 2, assigned: 7 },
            RECORD: { purchased: 10, assigned: 0 }
        });
        const result = applyChange(
            stateOf(['VOICE']),
            { license: 'RECORD', action: 'add' },
            context
        );

        expect(result.accepted).toBe(true);
        expect(codesOf(result.violations)).toEqual(['SEATS_EXCEEDED']);
        expect(result.violations[0]?.licenses).toEqual(['VOICE']);
    });

    it('charges no CTI seat for CTI that comes with Freedom', () => {
        const context = contextOf(false, { FREEDOM: { purchased: 1, assigned: 0 } });
        const result = applyChange(emptyState(), { license: 'FREEDOM', action: 'add' }, context);

        expect(result.accepted).toBe(true);
        expect(held(result.state)).toEqual(['CTI', 'FREEDOM']);
        expect(result.violations).toEqual([]);
    });

    it('charges a CTI seat for CTI without Freedom', () => {
        const noCtiSeats = contextOf(true, { CTI: { purchased: 0, assigned: 0 } });
        const fullCtiSeats = contextOf(true, { CTI: { purchased: 3, assigned: 3 } });

        expect(
            codesOf(
                applyChange(emptyState(), { license: 'CTI', action: 'add' }, noCtiSeats).violations
            )
        ).toEqual(['LICENSE_NOT_PURCHASED']);
        expect(
            codesOf(
                applyChange(emptyState(), { license: 'CTI', action: 'add' }, fullCtiSeats)
                    .violations
            )
        ).toEqual(['SEATS_EXCEEDED']);
    });

    it('checks the seat of Freedom added to a legacy CTI holder', () => {
        const context = contextOf(true, {
            CTI: { purchased: 1, assigned: 1 },
            FREEDOM: { purchased: 1, assigned: 1 }
        });
        const result = applyChange(
            stateOf(['CTI']),
            { license: 'FREEDOM', action: 'add' },
            context
        );

        expect(result.accepted).toBe(false);
        expect(result.violations.map((violation) => violation.licenses)).toEqual([['FREEDOM']]);
    });

    it('runs no seat check without seat counts', () => {
        const result = applyChange(emptyState(), { license: 'PCI', action: 'add' }, strict);

        expect(result.accepted).toBe(true);
    });

    it('reports assigned above purchased in validateState', () => {
        const context = contextOf(false, {
            VOICE: { purchased: 2, assigned: 3 },
            RECORD: { purchased: 1, assigned: 1 }
        });

        expect(validateState(stateOf(['VOICE', 'RECORD']), context)).toEqual([
            {
                code: 'SEATS_EXCEEDED',
                severity: 'error',
                licenses: ['VOICE'],
                message: 'Voice needs 3 seats but only 2 seats are purchased.'
            }
        ]);
    });

    it('reports a held license without a subscription in validateState', () => {
        expect(codesOf(validateState(stateOf(['SMS']), contextOf(false, {})))).toEqual([
            'LICENSE_NOT_PURCHASED'
        ]);
    });
});

describe('applyChange contract', () => {
    it('returns the same state for a change already true', () => {
        const current = stateOf(['CTI', 'FREEDOM']);
        const added = applyChange(current, { license: 'FREEDOM', action: 'add' }, strict);
        const removed = applyChange(current, { license: 'SCV', action: 'remove' }, strict);

        expect(added).toEqual({ accepted: true, state: current, cascades: [], violations: [] });
        expect(added.state).toBe(current);
        expect(removed.state).toBe(current);
        expect(removed.cascades).toEqual([]);
    });

    it('throws for a license outside the catalogue', () => {
        expect(() =>
            applyChange(emptyState(), { license: 'GLOBAL_CALLS' as never, action: 'add' }, strict)
        ).toThrow('Unknown license code "GLOBAL_CALLS"');
    });

    it('throws for an unknown action', () => {
        expect(() =>
            applyChange(emptyState(), { license: 'SMS', action: 'toggle' as never }, strict)
        ).toThrow("action 'add' or 'remove'");
    });

    it('does not block a change on errors the state already has', () => {
        const broken = stateOf(['CTI', 'FREEDOM', 'SCV']);
        const result = applyChange(broken, { license: 'SMS', action: 'add' }, strict);

        expect(result.accepted).toBe(true);
        expect(codesOf(result.violations, 'error')).toEqual(['FREEDOM_EXCLUDES_SCV']);
    });
});

describe('RULE_TABLE', () => {
    it('declares the rules of the architecture page', () => {
        expect(RULE_TABLE).toEqual({
            implications: [{ ruleCode: 'FREEDOM_BRINGS_CTI', license: 'FREEDOM', brings: 'CTI' }],
            exclusions: [{ ruleCode: 'FREEDOM_EXCLUDES_SCV', licenses: ['FREEDOM', 'SCV'] }],
            gates: [
                {
                    ruleCode: 'CTI_STANDALONE_NEEDS_LEGACY',
                    license: 'CTI',
                    unlessHolding: 'FREEDOM',
                    setting: 'legacyCtiAllowed'
                }
            ],
            suggestions: [
                {
                    ruleCode: 'INSIGHTS_SUGGESTS_AI_PROMPT_STUDIO',
                    license: 'INSIGHTS',
                    suggests: 'AI_PROMPT_STUDIO'
                }
            ]
        });
    });

    it('is frozen', () => {
        expect(Object.isFrozen(RULE_TABLE)).toBe(true);
        expect(Object.isFrozen(RULE_TABLE.implications[0])).toBe(true);
    });
});

describe('checkSeatForAdd', () => {
    it('finds a free seat', () => {
        expect(checkSeatForAdd('SMS', { SMS: { purchased: 2, assigned: 1 } })).toBeUndefined();
    });

    it('reports a full license', () => {
        expect(checkSeatForAdd('SMS', { SMS: { purchased: 2, assigned: 2 } })?.code).toBe(
            'SEATS_EXCEEDED'
        );
    });

    it('reports a license without seats', () => {
        expect(checkSeatForAdd('SMS', {})?.code).toBe('LICENSE_NOT_PURCHASED');
        expect(checkSeatForAdd('SMS', { SMS: { purchased: 0, assigned: 0 } })?.code).toBe(
            'LICENSE_NOT_PURCHASED'
        );
    });
});
