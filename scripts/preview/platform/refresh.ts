/**
 * Browser implementation of `lightning/refresh` for the preview: the
 * RefreshEvent and the handler registry of the "lightning/refresh"
 * reference. A RefreshEvent that a component dispatches runs every
 * registered handler.
 */

/** Name of the refresh event, the one the platform's container listens for. */
export const REFRESH_EVENT_NAME = 'lightning__refreshevent';

/** Event that requests every registered handler to reload its data. */
export class RefreshEvent extends CustomEvent<undefined> {
    constructor() {
        super(REFRESH_EVENT_NAME, { bubbles: true, composed: true, cancelable: true });
    }
}

type RefreshHandler = () => Promise<boolean> | boolean | void;

const handlers = new Map<number, RefreshHandler>();
let nextHandlerId = 1;

/** Registers a refresh handler and returns its id for unregisterRefreshHandler. */
export function registerRefreshHandler(_element: unknown, handler: RefreshHandler): number {
    const id = nextHandlerId++;
    handlers.set(id, handler);
    return id;
}

/** Removes a handler that registerRefreshHandler returned. */
export function unregisterRefreshHandler(id: number): void {
    handlers.delete(id);
}

// Every RefreshEvent runs every handler: the preview shows one component
// tree, so the platform's scoping by DOM position changes nothing here.
document.addEventListener(REFRESH_EVENT_NAME, () => {
    for (const handler of handlers.values()) {
        void handler();
    }
});
