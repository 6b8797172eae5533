/**
 * Version and org-level resources: the versions list, the resources of a
 * version, limits, and the OAuth user info (REST API Developer Guide:
 * Versions, Resources by Version, Limits).
 */
import type { OrgRuntime, RestReply } from '../http/types';

/** API versions this org serves, oldest first, with their release labels. */
export const API_VERSIONS: readonly { version: string; label: string }[] = [
    { version: '51.0', label: "Spring '21" },
    { version: '52.0', label: "Summer '21" },
    { version: '53.0', label: "Winter '22" },
    { version: '54.0', label: "Spring '22" },
    { version: '55.0', label: "Summer '22" },
    { version: '56.0', label: "Winter '23" },
    { version: '57.0', label: "Spring '23" },
    { version: '58.0', label: "Summer '23" },
    { version: '59.0', label: "Winter '24" },
    { version: '60.0', label: "Spring '24" },
    { version: '61.0', label: "Summer '24" },
    { version: '62.0', label: "Winter '25" },
    { version: '63.0', label: "Spring '25" },
    { version: '64.0', label: "Summer '25" },
    { version: '65.0', label: "Winter '26" },
    { version: '66.0', label: "Spring '26" },
    { version: '67.0', label: "Summer '26" }
];

/** The newest served version, which the `latest` alias resolves to (REST API Developer Guide: Versions). */
export const LATEST_VERSION = API_VERSIONS[API_VERSIONS.length - 1]?.version ?? '67.0';

/** Returns true when the org serves this API version (`64.0`). */
export function isServedVersion(version: string): boolean {
    return API_VERSIONS.some((entry) => entry.version === version);
}

/** GET /services/data: the versions list; it needs no session and is not an API call. */
export function versionsList(): RestReply {
    return {
        status: 200,
        body: API_VERSIONS.map(({ version, label }) => ({
            label,
            url: `/services/data/v${version}`,
            version
        }))
    };
}

/** GET /services/data/vXX.X: the resources available in a version. */
export function versionResources(org: OrgRuntime, version: string, userId: string): RestReply {
    const base = `/services/data/v${version}`;
    const names = ['sobjects', 'query', 'queryAll', 'composite', 'limits'];
    const body: Record<string, string> = Object.fromEntries(
        names.map((name) => [name, `${base}/${name}`])
    );
    body.identity = `${org.instanceUrl}/id/${org.organizationId}/${userId}`;
    return { status: 200, body };
}

/** GET /limits: DailyApiRequests from the org's counter, other limits at their defaults. */
export function limits(org: OrgRuntime): RestReply {
    const { dailyApiRequests, used } = org.accounting.current();
    const unused = (max: number) => ({ Max: max, Remaining: max });
    return {
        status: 200,
        body: {
            DailyApiRequests: {
                Max: dailyApiRequests,
                Remaining: Math.max(0, dailyApiRequests - used)
            },
            DailyBulkV2QueryJobs: unused(10000),
            DailyAsyncApexExecutions: unused(250000),
            ConcurrentSyncApexLimit: unused(10),
            DataStorageMB: unused(5),
            FileStorageMB: unused(20),
            SingleEmail: unused(15)
        }
    };
}

/** Builds the user info body for a user (also the body of the identity URL). */
export function userInfo(org: OrgRuntime, userId: string): Record<string, unknown> | null {
    const user = org.store.read('User', userId);
    if (!user) {
        return null;
    }
    const organization = org.store.read('Organization', org.organizationId);
    const identity = `${org.instanceUrl}/id/${org.organizationId}/${userId}`;
    const version = '{version}';
    return {
        sub: identity,
        user_id: userId,
        organization_id: org.organizationId,
        preferred_username: user.Username,
        nickname: user.Alias,
        name: user.Name,
        email: user.Email,
        email_verified: true,
        given_name: user.FirstName,
        family_name: user.LastName,
        zoneinfo: user.TimeZoneSidKey ?? 'Europe/London',
        locale: user.LocaleSidKey ?? 'en_GB',
        language: user.LanguageLocaleKey ?? 'en_US',
        active: user.IsActive,
        user_type: 'STANDARD',
        is_app_installed: true,
        updated_at: user.LastModifiedDate,
        organization_name: organization?.Name,
        urls: {
            enterprise: `${org.instanceUrl}/services/Soap/c/${version}/${org.organizationId.slice(0, 15)}`,
            partner: `${org.instanceUrl}/services/Soap/u/${version}/${org.organizationId.slice(0, 15)}`,
            rest: `${org.instanceUrl}/services/data/v${version}/`,
            sobjects: `${org.instanceUrl}/services/data/v${version}/sobjects/`,
            query: `${org.instanceUrl}/services/data/v${version}/query/`,
            profile: `${org.instanceUrl}/${userId}`,
            custom_domain: org.instanceUrl
        }
    };
}
