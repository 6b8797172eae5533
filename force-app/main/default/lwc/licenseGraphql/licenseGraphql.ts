/**
 * Readers for the GraphQL payload shapes that the license panel and the
 * admin page share: subscription records and the seat holder aggregates.
 * Both components alias the seat holder aggregates `holders` and
 * `inactiveHolders`, so one reader serves both queries.
 */
import { LICENSE_CODES, seatConsumingLicenses, stateFromRecord } from 'c/licenseRules';
import type { LicenseCode, SeatHolderCount, Subscription } from 'c/licenseRules';

/** A field value as User Interface API GraphQL returns it. */
export interface FieldValue<T> {
    value: T | null;
    displayValue?: string | null;
}

/** A list of records in GraphQL connection shape. */
export interface Connection<Node> {
    edges: { node: Node }[];
}

/** A Natterbox_Subscription__c node as both queries select it. */
export interface SubscriptionNode {
    Id: string;
    Name: FieldValue<string>;
    License_Code__c: FieldValue<string>;
    Purchased_Seats__c: FieldValue<number>;
    Provisioned__c: FieldValue<boolean>;
    Assignable__c: FieldValue<boolean>;
    Source_Name__c?: FieldValue<string>;
    Legacy_CTI_Allowed__c?: FieldValue<boolean>;
}

/**
 * One group of a count grouped by the license checkboxes: each grouped
 * field as `{ value }`, keyed by its API name, and the group's record count.
 */
export interface HolderGroupNode {
    aggregate: { Id: { count: FieldValue<number> } } & Record<string, unknown>;
}

/**
 * The seat holder aggregates of both queries: `holders` groups every
 * per-user license record by its ten checkboxes, and `inactiveHolders` the
 * records whose user is inactive.
 */
export interface SeatAggregates {
    holders?: Connection<HolderGroupNode> | null;
    inactiveHolders?: Connection<HolderGroupNode> | null;
}

/** A subscription record, flattened for the view models. */
export interface SubscriptionRow {
    id: string;
    code: string;
    label: string;
    purchased: number;
    provisioned: boolean;
    assignable: boolean;
    sourceName: string;
    legacyCtiAllowed: boolean;
}

/**
 * Counts seats per license: each group adds its record count to every
 * license that seatConsumingLicenses charges its holders for, so the seat
 * policy (CTI held with Freedom uses no CTI seat) stays in the rules module.
 * A missing connection or a group without a count adds nothing, and a
 * checkbox missing from a group reads as not held.
 */
function countSeatsByLicense(
    groups: Connection<HolderGroupNode> | null | undefined
): Map<LicenseCode, number> {
    const seats = new Map<LicenseCode, number>();
    for (const edge of groups?.edges ?? []) {
        const aggregate = edge?.node?.aggregate;
        const count = aggregate?.Id?.count?.value;
        if (!aggregate || typeof count !== 'number') {
            continue;
        }
        for (const license of seatConsumingLicenses(stateFromRecord(aggregate))) {
            seats.set(license, (seats.get(license) ?? 0) + count);
        }
    }
    return seats;
}

/**
 * Reads the seat counts of every catalogue license from the seat holder
 * aggregates: `assigned` from every holder, `reclaimable` from the inactive
 * ones. Throws TypeError, as stateFromRecord does, for a grouped checkbox
 * value that is not a boolean or null.
 */
export function readSeatCounts(aggregates: SeatAggregates): SeatHolderCount[] {
    const assigned = countSeatsByLicense(aggregates.holders);
    const reclaimable = countSeatsByLicense(aggregates.inactiveHolders);
    return LICENSE_CODES.map((license) => ({
        license,
        assigned: assigned.get(license) ?? 0,
        reclaimable: reclaimable.get(license) ?? 0
    }));
}

/**
 * Flattens subscription records. A record without a license code is
 * skipped, and a field missing from the node reads as null: no seats, not
 * provisioned, not assignable.
 */
export function readSubscriptions(
    connection: Connection<SubscriptionNode> | undefined
): SubscriptionRow[] {
    const rows: SubscriptionRow[] = [];
    for (const edge of connection?.edges ?? []) {
        const node: Partial<SubscriptionNode> | undefined = edge?.node;
        const code = node?.License_Code__c?.value;
        if (!node || !code) {
            continue;
        }
        rows.push({
            id: node.Id ?? code,
            code,
            label: node.Name?.value ?? code,
            purchased: node.Purchased_Seats__c?.value ?? 0,
            provisioned: node.Provisioned__c?.value === true,
            assignable: node.Assignable__c?.value === true,
            sourceName: node.Source_Name__c?.value ?? '',
            legacyCtiAllowed: node.Legacy_CTI_Allowed__c?.value === true
        });
    }
    return rows;
}

/**
 * Converts subscription rows into the rules module's input. A subscription
 * that Natterbox reports as not provisioned offers no seats, so it counts as
 * 0 purchased: its seats cannot be used yet.
 */
export function toRuleSubscriptions(rows: SubscriptionRow[]): Subscription[] {
    return rows.map((row) => ({
        license: row.code,
        purchased: row.provisioned ? row.purchased : 0,
        label: row.label
    }));
}

/**
 * Reads the legacy CTI setting from the subscriptions' formula field. Every
 * subscription carries the same org-wide value; with no subscription the
 * setting counts as off.
 */
export function readLegacyCtiAllowed(rows: SubscriptionRow[]): boolean {
    return rows.some((row) => row.legacyCtiAllowed);
}
