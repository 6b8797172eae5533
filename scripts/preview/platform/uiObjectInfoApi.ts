/**
 * Browser implementation of `lightning/uiObjectInfoApi` for the preview:
 * the getObjectInfo wire adapter over the UI API resource "Get Object
 * Metadata" (`GET /ui-api/object-info/{objectApiName}`), provisioning
 * `{ data, error }` as the "lightning/uiObjectInfoApi" reference describes.
 */
import { callDataApi } from './transport';
import { FetchingWireAdapter } from './wireAdapter';

interface ObjectInfoConfig {
    objectApiName?: string | { objectApiName: string };
}

function objectApiNameOf(config: ObjectInfoConfig): string | undefined {
    const reference = config.objectApiName;
    return typeof reference === 'string' ? reference : reference?.objectApiName;
}

/** The `getObjectInfo` wire adapter. */
export class getObjectInfo extends FetchingWireAdapter<ObjectInfoConfig> {
    protected isComplete(config: ObjectInfoConfig): boolean {
        return Boolean(objectApiNameOf(config));
    }

    protected async fetchValue(config: ObjectInfoConfig): Promise<unknown> {
        const apiName = objectApiNameOf(config) ?? '';
        try {
            const data = await callDataApi(
                'GET',
                `ui-api/object-info/${encodeURIComponent(apiName)}`
            );
            return { data, error: undefined };
        } catch (error) {
            return { data: undefined, error };
        }
    }
}
