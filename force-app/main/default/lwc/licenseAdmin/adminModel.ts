/**
 * The admin page's view model: pure functions from the GraphQL payload to
 * the seat table, the subscriptions outside the catalogue and the last sync
 * run. Seat arithmetic comes from `c/licenseRules`.
 */
import { seatUsageFromCounts } from 'c/licenseRules';
import type { SeatUsage } from 'c/licenseRules';
import { readSeatCounts, readSubscriptions, toRuleSubscriptions } from 'c/licenseGraphql';
import type {
    Connection,
    FieldValue,
    SeatAggregates,
    SubscriptionNode,
    SubscriptionRow
} from 'c/licenseGraphql';
import type { GraphQLResult } from 'lightning/graphql';
import { loadErrorMessages } from 'c/ldsErrors';

/** Status__c values of Natterbox_Sync_Run__c. */
export type SyncStatus = 'Requested' | 'Running' | 'Succeeded' | 'Failed';

/** A Natterbox_Sync_Run__c node as the admin query selects it. */
export interface SyncRunNode {
    Id: string;
    Name: FieldValue<string>;
    CreatedDate: FieldValue<string>;
    Status__c: FieldValue<string>;
    Started_At__c: FieldValue<string>;
    Finished_At__c: FieldValue<string>;
    Created_Count__c: FieldValue<number>;
    Updated_Count__c: FieldValue<number>;
    Unchanged_Count__c: FieldValue<number>;
    Source__c: FieldValue<string>;
    Message__c: FieldValue<string>;
}

/** The data the admin query returns. */
export interface AdminPayload {
    uiapi: {
        query: {
            Natterbox_Subscription__c: Connection<SubscriptionNode>;
            Natterbox_Sync_Run__c: Connection<SyncRunNode>;
        };
        aggregate: SeatAggregates;
    };
}

/** One row of the seat table as the template shows it. */
export interface SeatRowView {
    license: string;
    label: string;
    purchased: number;
    assigned: number;
    available: number;
    overAllocated: boolean;
    overAllocatedText: string;
    reclaimable: number;
    rowClass: string;
}

/** One subscription outside the catalogue. */
export interface OtherSubscriptionView {
    id: string;
    label: string;
    sourceName: string;
    purchased: number;
    provisionedText: string;
}

/** A sync run as the page shows it. */
export interface SyncRunView {
    id: string;
    name: string;
    status: SyncStatus | string;
    createdDate: string;
    startedAt: string;
    finishedAt: string;
    countsText: string;
    source: string;
    message: string;
}

/** The admin payload read into view values. */
export interface AdminView {
    seatRows: SeatRowView[];
    otherSubscriptions: OtherSubscriptionView[];
    lastRun: SyncRunView | null;
    hasSubscriptions: boolean;
}

function seatRow(usage: SeatUsage): SeatRowView {
    const overAllocated = usage.overAllocatedBy > 0;
    return {
        license: usage.license,
        label: usage.label,
        purchased: usage.purchased,
        assigned: usage.assigned,
        available: usage.available,
        overAllocated,
        overAllocatedText: overAllocated ? `Over-allocated by ${usage.overAllocatedBy}` : '',
        reclaimable: usage.reclaimable,
        rowClass: overAllocated ? 'seat-row over-allocated slds-theme_error' : 'seat-row'
    };
}

function otherSubscription(row: SubscriptionRow): OtherSubscriptionView {
    return {
        id: row.id,
        label: row.label,
        sourceName: row.sourceName,
        purchased: row.purchased,
        provisionedText: row.provisioned ? 'Provisioned' : 'Not provisioned'
    };
}

/**
 * Words the record counts of a run, for example "0 created, 1 updated, 10
 * unchanged". A count missing from the node reads as null.
 */
export function countsText(node: Partial<SyncRunNode>): string {
    const created = node.Created_Count__c?.value ?? null;
    const updated = node.Updated_Count__c?.value ?? null;
    const unchanged = node.Unchanged_Count__c?.value ?? null;
    if (created === null && updated === null && unchanged === null) {
        return '';
    }
    return `${created ?? 0} created, ${updated ?? 0} updated, ${unchanged ?? 0} unchanged`;
}

/**
 * Reads the latest sync run of the payload, or null when no run exists
 * yet. A field missing from the node reads as empty.
 */
export function readLatestRun(payload: AdminPayload): SyncRunView | null {
    const node: Partial<SyncRunNode> | undefined =
        payload?.uiapi?.query?.Natterbox_Sync_Run__c?.edges?.[0]?.node;
    if (!node?.Id) {
        return null;
    }
    return {
        id: node.Id,
        name: node.Name?.value ?? node.Id,
        status: node.Status__c?.value ?? '',
        createdDate: node.CreatedDate?.value ?? '',
        startedAt: node.Started_At__c?.value ?? '',
        finishedAt: node.Finished_At__c?.value ?? '',
        countsText: countsText(node),
        source: node.Source__c?.value ?? '',
        message: node.Message__c?.value ?? ''
    };
}

/**
 * Builds the admin view. The seat table lists catalogue licenses only;
 * subscriptions Natterbox reported outside the catalogue (Assignable__c
 * false) are listed apart, because nobody can be assigned them.
 */
export function buildAdminView(payload: AdminPayload): AdminView {
    const query = payload?.uiapi?.query;
    for (const block of ['Natterbox_Subscription__c', 'Natterbox_Sync_Run__c'] as const) {
        if (!Array.isArray(query?.[block]?.edges)) {
            throw new Error(`The response has no ${block} records.`);
        }
    }
    const subscriptions = readSubscriptions(query.Natterbox_Subscription__c);
    const usage = seatUsageFromCounts(
        toRuleSubscriptions(subscriptions.filter((row) => row.assignable)),
        readSeatCounts(payload.uiapi.aggregate ?? {})
    );
    return {
        seatRows: usage.filter((row) => row.assignable).map(seatRow),
        otherSubscriptions: subscriptions.filter((row) => !row.assignable).map(otherSubscription),
        lastRun: readLatestRun(payload),
        hasSubscriptions: subscriptions.length > 0
    };
}

/** The admin page's data as one wire result gives it: the view, or why there is none. */
export interface AdminLoad {
    view: AdminView | undefined;
    /** Messages of a failed load; empty while loading and after a good load. */
    errors: string[];
}

/**
 * Reads one result of the admin page's GraphQL wire. GraphQL errors and a
 * payload the page cannot read both become messages, so the page shows an
 * error state instead of failing to render.
 */
export function readAdminLoad(result: GraphQLResult<AdminPayload> | undefined): AdminLoad {
    const errors = result?.errors;
    if (errors && errors.length > 0) {
        return { view: undefined, errors: loadErrorMessages(errors) };
    }
    if (!result?.data) {
        return { view: undefined, errors: [] };
    }
    try {
        return { view: buildAdminView(result.data), errors: [] };
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { view: undefined, errors: [`The seat data is not readable: ${reason}`] };
    }
}
