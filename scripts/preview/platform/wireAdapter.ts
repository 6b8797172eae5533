/**
 * The part every fetching wire adapter of the preview shares, following the
 * wire adapter protocol of the LWC engine: the engine constructs the adapter
 * with a data callback, then calls `connect`, `update` with each new
 * configuration, and `disconnect`.
 */
export abstract class FetchingWireAdapter<Config> {
    private config: Config | undefined;
    private connected = false;
    private generation = 0;

    constructor(private readonly dataCallback: (value: unknown) => void) {}

    connect(): void {
        this.connected = true;
        void this.provision();
    }

    disconnect(): void {
        this.connected = false;
    }

    update(config: Config): void {
        this.config = config;
        void this.provision();
    }

    /**
     * Fetches with the current configuration and provisions the value. A
     * response that arrives after a newer fetch started, or after the
     * component disconnected, is dropped, so a slow old response never
     * overwrites a newer one.
     */
    protected async provision(): Promise<void> {
        const config = this.config;
        if (!this.connected || config === undefined || !this.isComplete(config)) {
            return;
        }
        const generation = ++this.generation;
        const value = await this.fetchValue(config);
        if (generation === this.generation && this.connected) {
            this.dataCallback(value);
        }
    }

    /** Tells whether the configuration can be fetched, because the platform waits until every reactive parameter has a value. */
    protected abstract isComplete(config: Config): boolean;

    /** Fetches the value to provision. Implementations return failures inside the value instead of throwing. */
    protected abstract fetchValue(config: Config): Promise<unknown>;
}
