/**
 * Browser implementation of `lightning/uiObjectInfoApi` for the preview:
 * the getObjectInfo wire adapter over the UI API resource "Get Object
 * Metadata" (`GET /ui-api/object-info/{objectApiName}`), provisioning
 * `{ data, error }` as the "lightning/uiObjectInfoApi" reference describes.
 */
import { callDataApi } from './transport';

interface ObjectInfoConfig {
    objectApiName?: string | { objectApiName: string };
}

/** The `getObjectInfo` wire adapter. */
export class getObjectInfo {
    private config: ObjectInfoConfig | undefined;
    private connected = false;

    constructor(private readonly dataCallback: (value: unknown) => void) {}

    connect(): void {
        this.connected = true;
        void this.load();
    }

    disconnect(): void {
        this.connected = false;
    }

    update(config: ObjectInfoConfig): void {
        this.config = config;
        void this.load();
    }

    private async load(): Promise<void> {
        const reference = this.config?.objectApiName;
        const apiName = typeof reference === 'string' ? reference : reference?.objectApiName;
        if (!this.connected || !apiName) {
            return;
        }
        try {
            const data = await callDataApi(
                'GET',
                `ui-api/object-info/${encodeURIComponent(apiName)}`
            );
            this.dataCallback({ data, error: undefined });
        } catch (error) {
            this.dataCallback({ data: undefined, error });
        }
    }
}
