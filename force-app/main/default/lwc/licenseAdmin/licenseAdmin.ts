import { LightningElement, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import type { GraphQLResult } from 'lightning/graphql';
import { createRecord } from 'lightning/uiRecordApi';
import SYNC_RUN_OBJECT from '@salesforce/schema/Natterbox_Sync_Run__c';
import USER_ID from '@salesforce/user/Id';
import { loadErrorMessages, reportSaveError } from 'c/ldsErrors';
import { ADMIN_QUERY } from './adminQuery';
import { readAdminLoad } from './adminModel';
import type { AdminLoad, AdminPayload, AdminView } from './adminModel';
import {
    IDLE,
    POLL_INTERVAL_MS,
    checkTimeout,
    isInProgress,
    observeRun,
    requestCreated,
    requestFailed,
    requestSent,
    resumeRun
} from './reloadProgress';
import type { ReloadProgress } from './reloadProgress';

/**
 * The Natterbox licensing admin page: seats per license, subscriptions
 * outside the catalogue, the last sync run, and Reload Subscriptions, which
 * requests a sync run and follows it until it finishes.
 */
export default class LicenseAdmin extends LightningElement {
    graphqlResult?: GraphQLResult<AdminPayload>;
    load: AdminLoad = { view: undefined, errors: [] };
    reload: ReloadProgress = IDLE;
    refreshError = '';
    pollTimer: ReturnType<typeof setInterval> | undefined;

    @wire(graphql, { query: ADMIN_QUERY })
    handleGraphql(result: GraphQLResult): void {
        this.graphqlResult = result as GraphQLResult<AdminPayload>;
        this.load = readAdminLoad(this.graphqlResult);
        if (!this.load.view) {
            return;
        }
        const run = this.load.view.lastRun;
        const resumed = this.reload.phase === 'idle' ? resumeRun(run, Date.now()) : null;
        this.reload = resumed ?? observeRun(this.reload, run, Date.now());
        this.syncPolling();
    }

    override disconnectedCallback(): void {
        this.stopPolling();
    }

    get view(): AdminView | undefined {
        return this.load.view;
    }

    get lastRun() {
        return this.view?.lastRun ?? null;
    }

    get loadErrors(): string[] {
        return this.load.errors;
    }

    get hasLoadErrors(): boolean {
        return this.loadErrors.length > 0;
    }

    get isLoading(): boolean {
        return !this.view && !this.hasLoadErrors;
    }

    get hasSubscriptions(): boolean {
        return this.view?.hasSubscriptions === true;
    }

    get isEmpty(): boolean {
        return this.view !== undefined && !this.view.hasSubscriptions;
    }

    get hasOtherSubscriptions(): boolean {
        return (this.view?.otherSubscriptions.length ?? 0) > 0;
    }

    get isReloading(): boolean {
        return isInProgress(this.reload);
    }

    get isReloadDisabled(): boolean {
        return this.isReloading || this.isLoading;
    }

    get reloadMessage(): string {
        return this.reload.message;
    }

    get reloadClass(): string {
        const failed = ['failed', 'timedOut', 'requestFailed'].includes(this.reload.phase);
        return failed
            ? 'reload-status slds-text-color_error slds-m-bottom_small'
            : 'reload-status slds-m-bottom_small';
    }

    async handleReload(): Promise<void> {
        // A second click can arrive before the re-render disables the button.
        if (this.isReloadDisabled) {
            return;
        }
        this.reload = requestSent(Date.now());
        try {
            const record = await createRecord({
                apiName: SYNC_RUN_OBJECT.objectApiName,
                fields: { Status__c: 'Requested', Requested_By__c: USER_ID }
            });
            this.reload = requestCreated(record.id, Date.now());
        } catch (error) {
            this.reload = requestFailed(reportSaveError(error).pageErrors);
            return;
        }
        this.syncPolling();
        await this.refreshData();
    }

    // Starts polling while a run is in progress and stops it otherwise, so
    // a finished, failed or timed-out request leaves no timer behind.
    syncPolling(): void {
        if (this.reload.phase !== 'waiting') {
            this.stopPolling();
            return;
        }
        if (this.pollTimer === undefined) {
            // Polling is the point here: the sync job reports progress only
            // through the run record. disconnectedCallback clears the timer.
            // eslint-disable-next-line @lwc/lwc/no-async-operation
            this.pollTimer = setInterval(() => this.poll(), POLL_INTERVAL_MS);
        }
    }

    stopPolling(): void {
        if (this.pollTimer !== undefined) {
            clearInterval(this.pollTimer);
            this.pollTimer = undefined;
        }
    }

    // The wire adapter may skip emitting when the data has not changed
    // ("refresh" in the lightning/graphql reference), so the timeout is
    // checked on every tick rather than only on new data.
    async poll(): Promise<void> {
        await this.refreshData();
        this.reload = checkTimeout(this.reload, Date.now());
        this.syncPolling();
    }

    // A failed refresh is retried on the next tick. Until one succeeds, the
    // page shows a message that its data may be out of date.
    async refreshData(): Promise<void> {
        try {
            await this.graphqlResult?.refresh?.();
            this.refreshError = '';
        } catch (error) {
            this.refreshError = `The page could not refresh, so it may be out of date: ${loadErrorMessages(error).join(' ')}`;
        }
    }
}
