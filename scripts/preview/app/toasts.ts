/**
 * The preview's stand-in for the container that shows toasts: it listens
 * for ShowToastEvent and renders the Lightning Design System's toast markup.
 * A toast closes after five seconds unless it is sticky or the page URL has
 * `keepToasts`, which the end-to-end tests set so that they can read every
 * toast.
 */
import { TOAST_EVENT_NAME, type ToastDetail } from '../platform/platformShowToastEvent';

const autoCloseMs = 5000;

/** Adds the toast region to the page and starts listening for toast events. */
export function installToastContainer(parent: HTMLElement): void {
    const region = document.createElement('div');
    region.className = 'slds-notify_container preview-toasts';
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    parent.appendChild(region);

    const keepToasts = new URLSearchParams(window.location.search).has('keepToasts');
    document.addEventListener(TOAST_EVENT_NAME, (event) => {
        const detail = (event as CustomEvent<ToastDetail>).detail;
        const toast = buildToast(detail);
        region.appendChild(toast);
        if (!keepToasts && (detail.mode ?? 'dismissible') !== 'sticky') {
            setTimeout(() => toast.remove(), autoCloseMs);
        }
    });
}

function buildToast(detail: ToastDetail): HTMLElement {
    const variant = detail.variant ?? 'info';
    const toast = document.createElement('div');
    toast.className = `slds-notify slds-notify_toast slds-theme_${variant}`;
    toast.dataset.variant = variant;

    const content = document.createElement('div');
    content.className = 'slds-notify__content';
    const title = document.createElement('h2');
    title.className = 'slds-text-heading_small';
    title.textContent = detail.title;
    content.appendChild(title);
    if (detail.message) {
        const message = document.createElement('p');
        message.textContent = detail.message;
        content.appendChild(message);
    }

    const close = document.createElement('button');
    close.className = 'slds-button slds-button_icon slds-notify__close slds-button_icon-inverse';
    close.type = 'button';
    close.textContent = '×';
    close.title = 'Close';
    close.addEventListener('click', () => toast.remove());

    toast.append(content, close);
    return toast;
}
