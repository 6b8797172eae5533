/**
 * Readers for the GraphQL payload shapes that the license panel and the
 * admin page share: subscription records and per-license seat aggregates.
 * Both components alias each seat aggregate as `<LICENSE_CODE>_assigned`
 * and `<LICENSE_CODE>_inactive`, so one reader serves both queries.
 */
import { LICENSE_CODES } from 'c/licenseRules';
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

/** One aggregate row of a count without groupBy. */
export type CountAggregate = Connection<{ aggregate: { Id: { count: FieldValue<number> } } }>;

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

/** Kind of seat aggregate: all holders, or only holders whose user is inactive. */
export type SeatAggregateKind = 'assigned' | 'inactive';

/** Builds the alias a query gives the seat aggregate of one license. */
export function seatAlias(license: LicenseCode, kind: SeatAggregateKind): string {
    return `${license}_${kind}`;
}

/**
 * Reads one count aggregate. A missing alias or an empty result counts as
 * 0, and so does a count that a partial response left out.
 */
export function readCount(aggregate: CountAggregate | undefined): number {
    const count = aggregate?.edges?.[0]?.node?.aggregate?.Id?.count?.value;
    return typeof count === 'number' ? count : 0;
}

/** Reads the seat counts of every catalogue license from an aggregate block. */
export function readSeatCounts(
    aggregates: Record<string, CountAggregate | undefined>
): SeatHolderCount[] {
    return LICENSE_CODES.map((license) => ({
        license,
        assigned: readCount(aggregates[seatAlias(license, 'assigned')]),
        reclaimable: readCount(aggregates[seatAlias(license, 'inactive')])
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
