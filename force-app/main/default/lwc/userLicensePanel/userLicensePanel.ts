import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import type { GraphQLResult } from 'lightning/graphql';
import { createRecord, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import type { ObjectInfoResult } from 'lightning/uiObjectInfoApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LICENSE_OBJECT from '@salesforce/schema/Natterbox_User_License__c';
import type { LicenseCode } from 'c/licenseRules';
import { loadErrorMessages, reportSaveError } from 'c/ldsErrors';
import type { SaveErrorReport } from 'c/ldsErrors';
import { PANEL_QUERY } from './panelQuery';
import {
    applyToggle,
    buildGroups,
    buildPreview,
    describeSavedChange,
    inactiveBanner,
    lockWhileSaving,
    pageErrorsOf,
    planSave,
    readEditAccess,
    readPanelData,
    toCaseSafeId
} from './panelModel';
import type { GroupView, PanelData, PanelPayload, PendingChange, PreviewView } from './panelModel';

/**
 * Natterbox licenses of one user, on the User record page. Reads everything
 * with one GraphQL request, lets an admin toggle licenses under the rules of
 * `c/licenseRules`, previews what a change brings with it, and saves it with
 * one record write.
 */
export default class UserLicensePanel extends LightningElement {
    @api recordId?: string;

    graphqlResult?: GraphQLResult<PanelPayload>;
    objectInfoResult?: ObjectInfoResult;
    pending: PendingChange | null = null;
    saving = false;
    saveError: SaveErrorReport | null = null;

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
    }

    @wire(getObjectInfo, { objectApiName: LICENSE_OBJECT })
    handleObjectInfo(result: ObjectInfoResult): void {
        this.objectInfoResult = result;
    }

    get loadErrors(): string[] {
        const errors = this.graphqlResult?.errors;
        if (errors && errors.length > 0) {
            return loadErrorMessages(errors);
        }
        if (this.graphqlResult?.data && !this.graphqlResult.data.uiapi.query.User.edges.length) {
            return [`No user was found with the Id ${this.recordId ?? ''}.`];
        }
        return [];
    }

    get data(): PanelData | undefined {
        const payload = this.graphqlResult?.data;
        return payload && this.loadErrors.length === 0 ? readPanelData(payload) : undefined;
    }

    get isLoading(): boolean {
        const objectInfoPending = !this.objectInfoResult?.data && !this.objectInfoResult?.error;
        return this.loadErrors.length === 0 && (!this.graphqlResult?.data || objectInfoPending);
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
    }

    handleCancel(): void {
        this.pending = null;
        this.saveError = null;
    }

    async handleSave(): Promise<void> {
        const data = this.data;
        const pending = this.pending;
        if (!data?.user || !pending) {
            return;
        }
        const plan = planSave(data, pending.state, data.user.id);
        this.saving = true;
        this.saveError = null;
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
                title: `Licenses saved for ${data.user.name}`,
                message: describeSavedChange(data, pending.state),
                variant: 'success'
            })
        );
        this.pending = null;
        this.saving = false;
        await this.refreshData();
    }

    // The refresh method on the wire result re-runs the query ("refresh" in
    // the lightning/graphql reference). The save has succeeded by then, so a
    // failed refresh is shown as a load error, not as a failed save.
    async refreshData(): Promise<void> {
        try {
            await this.graphqlResult?.refresh?.();
        } catch (error) {
            this.graphqlResult = { errors: [{ message: loadErrorMessages(error).join(' ') }] };
        }
    }
}
