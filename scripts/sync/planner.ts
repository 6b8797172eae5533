/**
 * The planner: compares the subscription records in the org with the
 * desired ones and returns only the writes that change something. It is
 * pure, with no network and no clock (the sync time is a parameter).
 */
import type { DesiredSubscription } from './mapping';

/** A `Natterbox_Subscription__c` record as the sync job reads and writes it. */
export interface SubscriptionRecord {
    Id?: string;
    License_Code__c: string;
    Name: string;
    Purchased_Seats__c: number | null;
    Provisioned__c: boolean;
    Assignable__c: boolean;
    Source_Name__c: string | null;
    Last_Synced_At__c?: string | null;
    /** Formula: the org default of the legacy CTI setting, as seen by the running user. */
    Legacy_CTI_Allowed__c?: boolean;
}

/** The fields the job writes, keyed by the external ID `License_Code__c`. */
export type SubscriptionWrite = Omit<SubscriptionRecord, 'Id' | 'Legacy_CTI_Allowed__c'>;

/** The planner's result: the writes and how each subscription is classified. */
export interface SyncPlan {
    writes: SubscriptionWrite[];
    created: string[];
    updated: string[];
    unchanged: string[];
    /** Codes of records in the org that the source no longer lists. They are set to 0 seats, not deleted. */
    droppedFromSource: string[];
}

/**
 * Plans the writes that turn `current` into `desired`. A record the source no
 * longer lists keeps its history: it is set to 0 seats and not provisioned.
 * `Last_Synced_At__c` is set only on written records, so an unchanged sync
 * writes nothing.
 */
export function planSubscriptionWrites(
    current: readonly SubscriptionRecord[],
    desired: readonly DesiredSubscription[],
    syncedAt: string
): SyncPlan {
    const plan: SyncPlan = {
        writes: [],
        created: [],
        updated: [],
        unchanged: [],
        droppedFromSource: []
    };
    const currentByCode = new Map(current.map((record) => [record.License_Code__c, record]));
    const desiredCodes = new Set<string>();

    for (const subscription of desired) {
        desiredCodes.add(subscription.code);
        const target: SubscriptionWrite = {
            License_Code__c: subscription.code,
            Name: subscription.label,
            Purchased_Seats__c: subscription.purchased,
            Provisioned__c: subscription.provisioned,
            Assignable__c: subscription.assignable,
            Source_Name__c: subscription.sourceName
        };
        classify(plan, currentByCode.get(subscription.code), target, syncedAt);
    }

    for (const record of current) {
        if (desiredCodes.has(record.License_Code__c)) {
            continue;
        }
        plan.droppedFromSource.push(record.License_Code__c);
        const target: SubscriptionWrite = {
            License_Code__c: record.License_Code__c,
            Name: record.Name,
            Purchased_Seats__c: 0,
            Provisioned__c: false,
            Assignable__c: record.Assignable__c,
            Source_Name__c: record.Source_Name__c
        };
        classify(plan, record, target, syncedAt);
    }
    return plan;
}

function classify(
    plan: SyncPlan,
    existing: SubscriptionRecord | undefined,
    target: SubscriptionWrite,
    syncedAt: string
): void {
    if (existing === undefined) {
        plan.created.push(target.License_Code__c);
        plan.writes.push({ ...target, Last_Synced_At__c: syncedAt });
        return;
    }
    if (sameFields(existing, target)) {
        plan.unchanged.push(target.License_Code__c);
        return;
    }
    plan.updated.push(target.License_Code__c);
    plan.writes.push({ ...target, Last_Synced_At__c: syncedAt });
}

function sameFields(existing: SubscriptionRecord, target: SubscriptionWrite): boolean {
    return (
        existing.Name === target.Name &&
        (existing.Purchased_Seats__c ?? 0) === target.Purchased_Seats__c &&
        existing.Provisioned__c === target.Provisioned__c &&
        existing.Assignable__c === target.Assignable__c &&
        (existing.Source_Name__c ?? null) === target.Source_Name__c
    );
}
