/**
 * The license panel's view model: pure functions from the GraphQL payload,
 * the object info and the pending change to what the template shows. Every
 * rule decision comes from `c/licenseRules`; this file only words and
 * arranges the outcome.
 */
import {
    DIGITAL_FEATURES,
    LICENSES,
    LICENSE_GROUPS,
    applyChange,
    checkSeatForAdd,
    diffStates,
    emptyState,
    sameState,
    seatConsumingLicenses,
    seatUsageFromCounts,
    stateFromRecord,
    updateSeatContext,
    validateState
} from 'c/licenseRules';
import type {
    Cascade,
    LicenseCode,
    LicenseDefinition,
    LicenseState,
    RuleContext,
    SeatUsage,
    Violation
} from 'c/licenseRules';
import {
    readLegacyCtiAllowed,
    readSeatCounts,
    readSubscriptions,
    toRuleSubscriptions
} from 'c/licenseGraphql';
import type {
    Connection,
    FieldValue,
    SeatAggregates,
    SubscriptionNode,
    SubscriptionRow
} from 'c/licenseGraphql';
import type { GraphQLResult } from 'lightning/graphql';
import type { ObjectInfo } from 'lightning/uiObjectInfoApi';
import { loadErrorMessages } from 'c/ldsErrors';
import type { SaveErrorReport } from 'c/ldsErrors';

/** The data the panel query returns. */
export interface PanelPayload {
    uiapi: {
        query: {
            User: Connection<{
                Id: string;
                Name: FieldValue<string>;
                IsActive: FieldValue<boolean>;
            }>;
            Natterbox_User_License__c: Connection<{ Id: string } & Record<string, unknown>>;
            Natterbox_Subscription__c: Connection<SubscriptionNode>;
        };
        aggregate: SeatAggregates;
    };
}

/** The payload read into plain values. */
export interface PanelData {
    user: { id: string; name: string; isActive: boolean } | null;
    /** The per-user license record, or null when the user has none yet. */
    licenseRecordId: string | null;
    savedState: LicenseState;
    subscriptions: SubscriptionRow[];
    usage: SeatUsage[];
    context: RuleContext;
}

/** Edits not saved yet: the state they lead to and the cascades they caused. */
export interface PendingChange {
    state: LicenseState;
    cascades: Cascade[];
}

/** Whether the running user may write each license field. */
export interface EditAccess {
    /** Null when the user may edit; otherwise the sentence the panel shows. */
    readOnlyReason: string | null;
    fieldEditable: (fieldApiName: string) => boolean;
}

/** One license toggle as the template shows it. */
export interface ToggleView {
    code: LicenseCode;
    fieldApiName: string;
    label: string;
    helpText: string;
    checked: boolean;
    disabled: boolean;
    /** Reason the toggle is disabled, or an empty string when it is enabled. */
    reason: string;
    seatsText: string;
    availabilityText: string;
    overAllocated: boolean;
    fieldError: string;
}

/** One license group with its toggles. */
export interface GroupView {
    code: string;
    label: string;
    toggles: ToggleView[];
    /** Features that come with the group, for the digital channels. */
    includedFeatures: string[];
    includedFeaturesText: string;
}

/** The pending change as the preview shows it. */
export interface PreviewView {
    changes: string[];
    cascades: string[];
    warnings: string[];
}

/** Message shown on every toggle and as a banner when the user may not edit. */
export const NO_PERMISSION_REASON = 'No permission to edit Natterbox licenses';

const NO_PERMISSION_BANNER =
    'You can view these licenses but not change them: your profile or permission sets do not grant edit access to Natterbox user licenses.';

/** Converts a 15-character record Id to its 18-character, case-safe form. */
export function toCaseSafeId(id: string): string {
    if (id.length !== 15) {
        return id;
    }
    const suffixAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let position = 0; position < 5; position++) {
            const character = id.charAt(chunk * 5 + position);
            if (character >= 'A' && character <= 'Z') {
                bits |= 1 << position;
            }
        }
        suffix += suffixAlphabet.charAt(bits);
    }
    return id + suffix;
}

function seatContext(usage: SeatUsage[], legacyCtiAllowed: boolean): RuleContext {
    const seats: Partial<Record<LicenseCode, { purchased: number; assigned: number }>> = {};
    for (const row of usage) {
        if (row.assignable) {
            seats[row.license as LicenseCode] = {
                purchased: row.purchased,
                assigned: row.assigned
            };
        }
    }
    return { legacyCtiAllowed, seats };
}

const RECORD_BLOCKS = ['User', 'Natterbox_User_License__c', 'Natterbox_Subscription__c'] as const;

/**
 * Reads the panel payload; the seat context counts this user in their
 * saved state. Throws when a block of the query is missing from the
 * payload, and passes on what the rules module throws for a seat count
 * that is not a whole number from 0 up.
 */
export function readPanelData(payload: PanelPayload): PanelData {
    const query = payload?.uiapi?.query;
    for (const block of RECORD_BLOCKS) {
        if (!Array.isArray(query?.[block]?.edges)) {
            throw new Error(`The response has no ${block} records.`);
        }
    }
    const userNode = query.User.edges[0]?.node;
    const recordNode = query.Natterbox_User_License__c.edges[0]?.node;
    const subscriptions = readSubscriptions(query.Natterbox_Subscription__c);
    const usage = seatUsageFromCounts(
        toRuleSubscriptions(subscriptions),
        readSeatCounts(payload.uiapi.aggregate ?? {})
    );

    return {
        user: userNode
            ? {
                  id: userNode.Id,
                  name: userNode.Name?.value ?? userNode.Id,
                  isActive: userNode.IsActive?.value !== false
              }
            : null,
        licenseRecordId: recordNode?.Id ?? null,
        savedState: recordNode ? stateFromRecord(recordNode) : emptyState(),
        subscriptions,
        usage,
        context: seatContext(usage, readLegacyCtiAllowed(subscriptions))
    };
}

/** The panel's data as one wire result gives it: the data, or why there is none. */
export interface PanelLoad {
    data: PanelData | undefined;
    /** Messages of a failed load; empty while loading and after a good load. */
    errors: string[];
}

/**
 * Reads one result of the panel's GraphQL wire. GraphQL errors, a user that
 * does not exist and a payload the panel cannot read all become messages,
 * so the panel shows an error state instead of failing to render.
 */
export function readPanelLoad(
    result: GraphQLResult<PanelPayload> | undefined,
    recordId: string | undefined
): PanelLoad {
    const errors = result?.errors;
    if (errors && errors.length > 0) {
        return { data: undefined, errors: loadErrorMessages(errors) };
    }
    if (!result?.data) {
        return { data: undefined, errors: [] };
    }
    let data: PanelData;
    try {
        data = readPanelData(result.data);
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { data: undefined, errors: [`The license data is not readable: ${reason}`] };
    }
    if (!data.user) {
        return { data: undefined, errors: [`No user was found with the Id ${recordId ?? ''}.`] };
    }
    return { data, errors: [] };
}

/**
 * Derives edit access from object info. Editing an existing record needs
 * update access, and creating the first one needs create access, on the
 * object and on each license field. Without object info nobody may edit.
 */
export function readEditAccess(
    objectInfo: ObjectInfo | undefined,
    recordExists: boolean
): EditAccess {
    const right = recordExists ? 'updateable' : 'createable';
    if (!objectInfo || !objectInfo[right]) {
        return { readOnlyReason: NO_PERMISSION_BANNER, fieldEditable: () => false };
    }
    return {
        readOnlyReason: null,
        fieldEditable: (fieldApiName) => objectInfo.fields[fieldApiName]?.[right] === true
    };
}

function otherLicenseLabel(violation: Violation, code: LicenseCode): string {
    const other = violation.licenses.find((license) => license !== code);
    return LICENSES.find((license) => license.code === other)?.label ?? 'another license';
}

/**
 * Words the error that blocks a toggle as a short reason. The rule codes
 * come from the rules module; an unknown code falls back to its message.
 */
export function reasonFor(violation: Violation, code: LicenseCode): string {
    switch (violation.code) {
        case 'FREEDOM_BRINGS_CTI':
            return `Comes with ${otherLicenseLabel(violation, code)}`;
        case 'LICENSE_NOT_PURCHASED':
            return 'Not purchased';
        case 'SEATS_EXCEEDED':
            return 'No seats left';
        case 'FREEDOM_EXCLUDES_SCV':
            return `Cannot be combined with ${otherLicenseLabel(violation, code)}`;
        case 'CTI_STANDALONE_NEEDS_LEGACY':
            return 'CTI alone is not allowed in this organisation: assign Freedom, which includes CTI';
        default:
            return violation.message;
    }
}

/** Returns the rule context with the pending state in place of the saved one. */
export function pendingContext(data: PanelData, pendingState: LicenseState): RuleContext {
    return updateSeatContext(data.context, data.savedState, pendingState);
}

/** Finds why flipping one toggle is not allowed, or returns an empty string. */
export function blockedReason(
    data: PanelData,
    pendingState: LicenseState,
    code: LicenseCode
): string {
    const action = pendingState[code] ? 'remove' : 'add';
    const result = applyChange(
        pendingState,
        { license: code, action },
        pendingContext(data, pendingState)
    );
    if (result.accepted) {
        return '';
    }
    const blocking = result.violations.find((violation) => violation.severity === 'error');
    return blocking ? reasonFor(blocking, code) : 'This change is not allowed';
}

function seatsTexts(usage: SeatUsage | undefined): {
    seatsText: string;
    availabilityText: string;
    overAllocated: boolean;
} {
    if (!usage || usage.purchased === 0) {
        return {
            seatsText: `${usage?.assigned ?? 0} assigned, none purchased`,
            availabilityText: '',
            overAllocated: (usage?.assigned ?? 0) > 0
        };
    }
    const seatsText = `${usage.assigned} of ${usage.purchased} assigned`;
    if (usage.overAllocatedBy > 0) {
        return {
            seatsText,
            availabilityText: `Over-allocated by ${usage.overAllocatedBy}`,
            overAllocated: true
        };
    }
    return { seatsText, availabilityText: `${usage.available} available`, overAllocated: false };
}

function buildToggle(
    license: LicenseDefinition,
    data: PanelData,
    pendingState: LicenseState,
    access: EditAccess,
    saveError: SaveErrorReport | null
): ToggleView {
    const usage = data.usage.find((row) => row.license === license.code);
    const reason = access.fieldEditable(license.fieldApiName)
        ? blockedReason(data, pendingState, license.code)
        : NO_PERMISSION_REASON;
    return {
        code: license.code,
        fieldApiName: license.fieldApiName,
        label: license.label,
        helpText: license.description,
        checked: pendingState[license.code],
        disabled: reason !== '',
        reason,
        ...seatsTexts(usage),
        fieldError: saveError?.fieldErrors[license.fieldApiName]?.join(' ') ?? ''
    };
}

function includedFeaturesText(group: string, pendingState: LicenseState): string {
    if (group !== 'DIGITAL_CHANNEL') {
        return '';
    }
    const holdsChannel = LICENSES.some(
        (license) => license.group === 'DIGITAL_CHANNEL' && pendingState[license.code]
    );
    return holdsChannel
        ? 'Included with the channel license:'
        : 'Included with any channel license (none held):';
}

/** Builds the license groups in catalogue order, each with its toggles. */
export function buildGroups(
    data: PanelData,
    pendingState: LicenseState,
    access: EditAccess,
    saveError: SaveErrorReport | null
): GroupView[] {
    return LICENSE_GROUPS.map((group) => ({
        code: group.code,
        label: group.label,
        toggles: LICENSES.filter((license) => license.group === group.code).map((license) =>
            buildToggle(license, data, pendingState, access, saveError)
        ),
        includedFeatures: group.code === 'DIGITAL_CHANNEL' ? [...DIGITAL_FEATURES] : [],
        includedFeaturesText: includedFeaturesText(group.code, pendingState)
    }));
}

/** Reason shown on every toggle while a save is in flight. */
export const SAVING_REASON = 'Saving the change';

/**
 * Disables every toggle while a save is in flight, so the state on screen
 * stays the state being written.
 */
export function lockWhileSaving(groups: GroupView[]): GroupView[] {
    return groups.map((group) => ({
        ...group,
        toggles: group.toggles.map((toggle) => ({
            ...toggle,
            disabled: true,
            reason: SAVING_REASON
        }))
    }));
}

function labelOf(code: LicenseCode): string {
    return LICENSES.find((license) => license.code === code)?.label ?? code;
}

/**
 * Applies one toggle to the pending change. Returns the new pending change,
 * or the current one unchanged when the rules reject the toggle. Cascades
 * whose trigger was undone since are dropped, so the preview never lists a
 * consequence of a change that is no longer pending.
 */
export function applyToggle(
    data: PanelData,
    pending: PendingChange | null,
    code: LicenseCode,
    checked: boolean
): PendingChange | null {
    const current = pending?.state ?? data.savedState;
    const change = { license: code, action: checked ? 'add' : 'remove' } as const;
    const result = applyChange(current, change, pendingContext(data, current));
    if (!result.accepted) {
        return pending;
    }

    const diff = diffStates(data.savedState, result.state);
    if (diff.added.length === 0 && diff.removed.length === 0) {
        return null;
    }
    const stillPending = (cascade: Cascade): boolean => {
        const changed = cascade.action === 'add' ? diff.added : diff.removed;
        return changed.includes(cascade.license);
    };
    const earlierCascades = (pending?.cascades ?? []).filter(
        (cascade) => cascade.license !== code && stillPending(cascade)
    );
    return {
        state: result.state,
        cascades: [...earlierCascades, ...result.cascades.filter(stillPending)]
    };
}

/** Builds the preview of a pending change: direct changes, cascades and warnings. */
export function buildPreview(data: PanelData, pending: PendingChange): PreviewView {
    const diff = diffStates(data.savedState, pending.state);
    const cascaded = new Set(pending.cascades.map((cascade) => cascade.license));
    const changes = [
        ...diff.added.filter((code) => !cascaded.has(code)).map((code) => `Add ${labelOf(code)}`),
        ...diff.removed
            .filter((code) => !cascaded.has(code))
            .map((code) => `Remove ${labelOf(code)}`)
    ];
    const warnings = validateState(pending.state, pendingContext(data, pending.state))
        .filter((violation) => violation.severity === 'warning')
        .map((violation) => violation.message);
    return { changes, cascades: pending.cascades.map((cascade) => cascade.reason), warnings };
}

/** Builds the banner for an inactive user who still uses seats, or returns an empty string. */
export function inactiveBanner(data: PanelData): string {
    if (!data.user || data.user.isActive) {
        return '';
    }
    const seatLicenses = seatConsumingLicenses(data.savedState);
    if (seatLicenses.length === 0) {
        return '';
    }
    const seats = seatLicenses.length === 1 ? '1 seat' : `${seatLicenses.length} seats`;
    return `${data.user.name} is inactive but still holds ${seats} (${seatLicenses.map(labelOf).join(', ')}). Remove these licenses to reclaim the seats for other users.`;
}

/** The record write that saves a pending change: an update, or a create for a first record. */
export type SavePlan =
    | { kind: 'update'; fields: { Id: string } & Record<string, string | boolean> }
    | { kind: 'create'; fields: Record<string, string | boolean> };

/**
 * Plans the one record write for a pending change. Only changed license
 * fields are written, so a field the user may not edit is never sent.
 */
export function planSave(data: PanelData, pendingState: LicenseState, userId: string): SavePlan {
    const diff = diffStates(data.savedState, pendingState);
    const fields: Record<string, boolean> = {};
    for (const code of [...diff.added, ...diff.removed]) {
        const license = LICENSES.find((candidate) => candidate.code === code);
        if (license) {
            fields[license.fieldApiName] = pendingState[code];
        }
    }
    if (data.licenseRecordId) {
        return { kind: 'update', fields: { Id: data.licenseRecordId, ...fields } };
    }
    return { kind: 'create', fields: { User__c: userId, User_Id__c: userId, ...fields } };
}

/**
 * Lists the save errors the panel shows above the buttons: record-level
 * messages, and field messages for fields that have no toggle (a toggle
 * shows its own field's message).
 */
export function pageErrorsOf(saveError: SaveErrorReport): string[] {
    const licenseFields = new Set(LICENSES.map((license) => license.fieldApiName));
    const otherFieldErrors = Object.entries(saveError.fieldErrors)
        .filter(([field]) => !licenseFields.has(field))
        .flatMap(([, messages]) => messages);
    return [...saveError.pageErrors, ...otherFieldErrors];
}

/** Words a saved change for the success toast, for example "Added Freedom, CTI. Removed SCV." */
export function describeSavedChange(data: PanelData, pendingState: LicenseState): string {
    const diff = diffStates(data.savedState, pendingState);
    const parts: string[] = [];
    if (diff.added.length > 0) {
        parts.push(`Added ${diff.added.map(labelOf).join(', ')}.`);
    }
    if (diff.removed.length > 0) {
        parts.push(`Removed ${diff.removed.map(labelOf).join(', ')}.`);
    }
    return parts.join(' ');
}

function newSeatLicenses(saved: LicenseState, target: LicenseState): LicenseCode[] {
    const consumed = new Set(seatConsumingLicenses(saved));
    return seatConsumingLicenses(target).filter((license) => !consumed.has(license));
}

/** Checks whether the user's license record changed between two reads. */
export function changedElsewhere(loaded: PanelData, fresh: PanelData): boolean {
    return (
        fresh.licenseRecordId !== loaded.licenseRecordId ||
        !sameState(fresh.savedState, loaded.savedState)
    );
}

/** Builds the message shown when a save stops because the user's licenses changed elsewhere. */
export function changedElsewhereMessage(fresh: PanelData): string {
    return `The licenses of ${fresh.user?.name ?? 'this user'} were changed elsewhere after this panel loaded, so nothing was saved. The panel now shows the current licenses: make the change again.`;
}

/**
 * Checks the seats of a pending change against seat counts read again just
 * before the save. Returns one message per license the change adds that
 * has no seat left, or an empty list when the save may go ahead.
 */
export function seatConflicts(fresh: PanelData, target: LicenseState): string[] {
    return newSeatLicenses(fresh.savedState, target).flatMap((license) => {
        const violation = checkSeatForAdd(license, fresh.context.seats);
        return violation
            ? [
                  `${violation.message} The seats were taken after this panel loaded, so ${labelOf(license)} cannot be added.`
              ]
            : [];
    });
}

/**
 * Lists the licenses this save added that are over-allocated in the data
 * read after the save. Another panel that saved between this panel's seat
 * check and its write leaves that state, because nothing on the server
 * counts seats.
 */
export function overAllocatedAfterSave(
    before: PanelData,
    after: PanelData,
    target: LicenseState
): string[] {
    return newSeatLicenses(before.savedState, target).flatMap((license) => {
        const usage = after.usage.find((row) => row.license === license);
        if (!usage || usage.overAllocatedBy === 0) {
            return [];
        }
        const label = labelOf(license);
        return [
            `${label} is over-allocated by ${usage.overAllocatedBy} after this save: another user was given a seat at the same time. Remove ${label} from one user to free the seat.`
        ];
    });
}
