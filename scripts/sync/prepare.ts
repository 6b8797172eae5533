/**
 * The source half of a sync: fetch the subscriptions from a file or from
 * Natterbox, validate them and map them to the records the org should hold.
 * Nothing here touches the org, so an invalid source stops the run before
 * any API call.
 */
import path from 'node:path';
import type { LicenseCode } from 'c/licenseRules';
import {
    NatterboxAuthError,
    NatterboxClient,
    NatterboxResponseError,
    NatterboxUnavailableError,
    type NatterboxClientOptions
} from '../natterbox/client';
import { NatterboxSourceError } from './errors';
import { buildAliasTable } from './aliases';
import type { Logger } from './log';
import { mapSubscriptions, type DesiredSubscription } from './mapping';
import { readSourceFile, type SourceSubscription } from './source';

/** The source of the subscriptions: an export file or the Natterbox API. */
export type SourceSpec =
    { kind: 'file'; path: string } | { kind: 'natterbox'; client: NatterboxClientOptions };

/** A validated and mapped source. */
export interface PreparedSource {
    /** `natterbox` or the export file name, as stored in `Source__c`. */
    label: string;
    desired: DesiredSubscription[];
    unmapped: { name: string; purchased: number }[];
}

/** Options of prepareSource. */
export interface PrepareOptions {
    allowEmpty: boolean;
    extraAliases: Readonly<Record<string, LicenseCode>>;
}

/** Fetches, validates and maps the source; raises InvalidSourceError on bad input. */
export async function prepareSource(
    spec: SourceSpec,
    options: PrepareOptions,
    logger: Logger
): Promise<PreparedSource> {
    const label = spec.kind === 'file' ? path.basename(spec.path) : 'natterbox';
    const subscriptions = await fetchSource(spec, logger);
    const desired = mapSubscriptions(subscriptions, buildAliasTable(options.extraAliases), label, {
        allowEmpty: options.allowEmpty
    });
    logger.info(`Read ${subscriptions.length} subscriptions from ${label}.`);
    return {
        label,
        desired,
        unmapped: desired
            .filter((subscription) => !subscription.assignable)
            .map((subscription) => ({
                name: subscription.sourceName,
                purchased: subscription.purchased
            }))
    };
}

async function fetchSource(spec: SourceSpec, logger: Logger): Promise<SourceSubscription[]> {
    if (spec.kind === 'file') {
        return readSourceFile(spec.path);
    }
    logger.addSecret(spec.client.clientSecret);
    const client = new NatterboxClient({
        ...spec.client,
        onRetry: (message) => logger.warn(message)
    });
    logger.info(`Fetching subscriptions from Natterbox at ${spec.client.baseUrl}.`);
    try {
        return await client.listSubscriptions();
    } catch (error) {
        if (
            error instanceof NatterboxAuthError ||
            error instanceof NatterboxResponseError ||
            error instanceof NatterboxUnavailableError
        ) {
            throw new NatterboxSourceError(error);
        }
        throw error;
    }
}
