/**
 * Browser entry of the preview page: a User record page with a User picker,
 * and the licensing admin page, each showing this project's component as
 * compiled by the LWC compiler. The page reads `?page=user&userId=...` or
 * `?page=admin` from its URL.
 */
// Synthetic shadow must load before any component, as on the platform:
// with native shadow, SLDS classes in component templates stop applying.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import LicenseAdmin from 'c/licenseAdmin';
import UserLicensePanel from 'c/userLicensePanel';
import { callDataApi } from '../platform/transport';
import { installToastContainer } from './toasts';

interface UserRow {
    Id: string;
    Name: string;
    IsActive: boolean;
}

const app = document.getElementById('app');
if (!app) {
    throw new Error('The preview page has no #app element.');
}
installToastContainer(document.body);
const params = new URLSearchParams(window.location.search);
void (params.get('page') === 'admin'
    ? showAdminPage(app)
    : showUserPage(app, params.get('userId')));

function showAdminPage(container: HTMLElement): void {
    markCurrentTab('admin');
    const element = createElement('c-license-admin', { is: LicenseAdmin });
    container.appendChild(element);
}

async function showUserPage(container: HTMLElement, requestedUserId: string | null): Promise<void> {
    markCurrentTab('user');
    const users = await loadUsers();
    const userId = requestedUserId ?? (users.find((user) => user.IsActive) ?? users[0])?.Id ?? null;
    container.appendChild(buildUserPicker(users, userId));
    if (!userId) {
        container.appendChild(buildNotice('The org has no users to show.'));
        return;
    }
    const panel = createElement('c-user-license-panel', { is: UserLicensePanel });
    (panel as unknown as { recordId: string }).recordId = userId;
    container.appendChild(panel);
}

/** Reads the users through the REST query resource, so the panel's own GraphQL request stays the only one. */
async function loadUsers(): Promise<UserRow[]> {
    const soql = 'SELECT Id, Name, IsActive FROM User ORDER BY Name LIMIT 2000';
    const result = (await callDataApi('GET', `query?q=${encodeURIComponent(soql)}`)) as {
        records: UserRow[];
    };
    return result.records;
}

function buildUserPicker(users: UserRow[], selectedId: string | null): HTMLElement {
    const wrapper = document.createElement('div');
    wrapper.className = 'slds-form-element slds-m-bottom_medium preview-user-picker';
    const label = document.createElement('label');
    label.className = 'slds-form-element__label';
    label.htmlFor = 'user-picker';
    label.textContent = 'User';
    const selectWrapper = document.createElement('div');
    selectWrapper.className = 'slds-select_container';
    const select = document.createElement('select');
    select.id = 'user-picker';
    select.className = 'slds-select';
    for (const user of users) {
        const option = document.createElement('option');
        option.value = user.Id;
        option.textContent = user.IsActive ? user.Name : `${user.Name} (inactive)`;
        option.selected = user.Id === selectedId;
        select.appendChild(option);
    }
    select.addEventListener('change', () => {
        window.location.search = `?page=user&userId=${encodeURIComponent(select.value)}`;
    });
    selectWrapper.appendChild(select);
    wrapper.append(label, selectWrapper);
    return wrapper;
}

function buildNotice(text: string): HTMLElement {
    const notice = document.createElement('p');
    notice.className = 'slds-text-color_weak';
    notice.textContent = text;
    return notice;
}

function markCurrentTab(page: 'user' | 'admin'): void {
    for (const link of document.querySelectorAll<HTMLElement>('[data-page]')) {
        const current = link.dataset.page === page;
        link.classList.toggle('slds-is-active', current);
        link.setAttribute('aria-current', current ? 'page' : 'false');
    }
}
