/**
 * Browser implementation of `lightning/platformShowToastEvent`: the event a
 * component dispatches to show a toast. On the platform the container
 * listens for it; in the preview the page shell does (see app/toasts.ts).
 */

/** Detail of a toast, as the "lightning/platformShowToastEvent" reference names it. */
export interface ToastDetail {
    title: string;
    message?: string;
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
}

/** Name of the toast event, the one the platform's container listens for. */
export const TOAST_EVENT_NAME = 'lightning__showtoast';

/** Event that requests the container to show a toast. */
export class ShowToastEvent extends CustomEvent<ToastDetail> {
    constructor(toast: ToastDetail) {
        super(TOAST_EVENT_NAME, { detail: toast, bubbles: true, composed: true, cancelable: true });
    }
}
