import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import type { GraphQLResult } from 'lightning/graphql';
import { createRecord, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import type { ObjectInfoResult } from 'lightning/uiObjectInfoApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LICENSE_OBJECT from '@salesforce/schema/Natterbox_User_License__c';
import type { LicenseCode, LicenseState } from 'c/licenseRules';
import { loadErrorMessages, reportSaveError } from 'c/ldsErrors';
import type { SaveErrorReport } from 'c/ldsErrors';
import { PANEL_QUERY } from './panelQuery';
import {
    applyToggle,
    buildGroups,
    buildPreview,
    changedElsewhere,
    changedElsewhereMessage,
    describeSavedChange,
    inactiveBanner,
    lockWhileSaving,
    overAllocatedAfterSave,
    pageErrorsOf,
    planSave,
    readEditAccess,
    readPanelLoad,
    seatConflicts,
    toCaseSafeId
} from './panelModel';
import type {
    GroupView,
    PanelData,
    PanelLoad,
    PanelPayload,
    PendingChange,
    PreviewView
} from './panelModel';

/**
 * Natterbox licenses of one user, on the User record page. Reads everything
 * with one GraphQL request, lets an admin toggle licenses under the rules of
 * `c/licenseRules`, previews what a change brings with it, and saves it with
 * one record write. Saving refreshes the same query before the write, to
 * check the seats again, and after it.
 */
export default class UserLicensePanel extends LightningElement {
    @api recordId?: string;

    graphqlResult?: GraphQLResult<PanelPayload>;
    load: PanelLoad = { data: undefined, errors: [] };
    objectInfoResult?: ObjectInfoResult;
    pending: PendingChange | null = null;
    saving = false;
    saveError: SaveErrorReport | null = null;
    /** Over-allocation found in the data read after the last save. */
    seatWarnings: string[] = [];

    get queryVariables(): { userId: string; userExternalId: string } | undefined {
        if (!this.recordId) {
            return undefined;
        }
        const userId = toCaseSafeId(this.recordId);
        return { userId, userExternalId: userId };
    }

    @wire(graphql, { query: PANEL_QUERY, variables: '$queryVariables' })
    handleGraphql(result: GraphQLResult): void {
        this.graphqlResult = result as GraphQLResult<PanelPayload>;
        this.load = readPanelLoad(this.graphqlResult, this.recordId);
    }

    @wire(getObjectInfo, { objectApiName: LICENSE_OBJECT })
    handleObjectInfo(result: ObjectInfoResult): void {
        this.objectInfoResult = result;
    }

    get loadErrors(): string[] {
        return this.load.errors;
    }

    get data(): PanelData | undefined {
        return this.load.data;
    }

    get isLoading(): boolean {
        const objectInfoPending = !this.objectInfoResult?.data && !this.objectInfoResult?.error;
        return this.loadErrors.length === 0 && (!this.data || objectInfoPending);
    }

    get hasLoadErrors(): boolean {
        return this.loadErrors.length > 0;
    }

    get isEmpty(): boolean {
        return this.data?.subscriptions.length === 0;
    }

    get access() {
        return readEditAccess(this.objectInfoResult?.data, Boolean(this.data?.licenseRecordId));
    }

    get readOnlyBanner(): string {
        return this.access.readOnlyReason ?? '';
    }

    get inactiveBanner(): string {
        const data = this.data;
        return data ? inactiveBanner(data) : '';
    }

    get groups(): GroupView[] {
        const data = this.data;
        if (!data) {
            return [];
        }
        const state = this.pending?.state ?? data.savedState;
        const groups = buildGroups(data, state, this.access, this.saveError);
        return this.saving ? lockWhileSaving(groups) : groups;
    }

    get preview(): PreviewView | undefined {
        const data = this.data;
        return data && this.pending ? buildPreview(data, this.pending) : undefined;
    }

    get hasData(): boolean {
        return !this.isLoading && !this.hasLoadErrors && !this.isEmpty;
    }

    get pageErrors(): string[] {
        return this.saveError ? pageErrorsOf(this.saveError) : [];
    }

    get hasPageErrors(): boolean {
        return this.pageErrors.length > 0;
    }

    get hasSeatWarnings(): boolean {
        return this.seatWarnings.length > 0;
    }

    get isSaveDisabled(): boolean {
        return !this.pending || this.saving;
    }

    get isCancelDisabled(): boolean {
        return !this.pending || this.saving;
    }

    // lightning-input reports a toggle's new value in `detail.checked`.
    handleToggle(event: CustomEvent<{ checked: boolean }>): void {
        const data = this.data;
        const input = event.target as HTMLElement;
        const code = input.dataset.license as LicenseCode | undefined;
        if (!data || !code) {
            return;
        }
        this.pending = applyToggle(data, this.pending, code, event.detail.checked);
        this.saveError = null;
        this.seatWarnings = [];
    }

    handleCancel(): void {
        this.pending = null;
        this.saveError = null;
        this.seatWarnings = [];
    }

    async handleSave(): Promise<void> {
        const loaded = this.data;
        const pending = this.pending;
        // A second click can arrive before the re-render disables the button.
        if (!loaded?.user || !pending || this.saving) {
            return;
        }
        this.saving = true;
        this.saveError = null;
        this.seatWarnings = [];

        const fresh = await this.recheckBeforeSave(loaded, pending.state);
        if (!fresh?.user) {
            this.saving = false;
            return;
        }
        const plan = planSave(fresh, pending.state, fresh.user.id);
        try {
            if (plan.kind === 'update') {
                await updateRecord({ fields: plan.fields });
            } else {
                await createRecord({ apiName: LICENSE_OBJECT.objectApiName, fields: plan.fields });
            }
        } catch (error) {
            this.saveError = reportSaveError(error);
            this.saving = false;
            return;
        }

        this.dispatchEvent(
            new ShowToastEvent({
                title: `Licenses saved for ${fresh.user.name}`,
                message: describeSavedChange(fresh, pending.state),
                variant: 'success'
            })
        );
        this.pending = null;
        this.saving = false;
        await this.refreshData();
        const saved = this.data;
        this.seatWarnings = saved ? overAllocatedAfterSave(fresh, saved, pending.state) : [];
    }

    // Seats are otherwise checked only against the counts loaded with the
    // panel, and nothing on the server counts them.
    // NOTE: reading them again just before the write leaves a window of one
    // round trip, in which another save can still take the last seat. The
    // check after the save only reports it.
    async recheckBeforeSave(
        loaded: PanelData,
        target: LicenseState
    ): Promise<PanelData | undefined> {
        const stop = (messages: string[]): undefined => {
            this.saveError = { pageErrors: messages, fieldErrors: {}, connectionLost: false };
            return undefined;
        };
        const refresh = this.graphqlResult?.refresh;
        if (!refresh) {
            return stop(['The seat counts could not be read again, so nothing was saved.']);
        }
        try {
            await refresh();
        } catch (error) {
            return stop([
                `The seat counts could not be read again, so nothing was saved: ${loadErrorMessages(error).join(' ')}`
            ]);
        }
        // The load errors, if any, replace the panel, so they need no message here.
        const fresh = this.data;
        if (!fresh) {
            return undefined;
        }
        if (changedElsewhere(loaded, fresh)) {
            // The pending change was made against licenses that no longer
            // hold; saving it later would undo the other change.
            this.pending = null;
            return stop([changedElsewhereMessage(fresh)]);
        }
        const conflicts = seatConflicts(fresh, target);
        return conflicts.length > 0 ? stop(conflicts) : fresh;
    }

    // The refresh method on the wire result re-runs the query ("refresh" in
    // the lightning/graphql reference). The save has succeeded by then, so a
    // failed refresh is shown as a load error, not as a failed save.
    async refreshData(): Promise<void> {
        try {
            await this.graphqlResult?.refresh?.();
        } catch (error) {
            this.handleGraphql({ errors: [{ message: loadErrorMessages(error).join(' ') }] });
        }
    }
}
