/**
 * The demo's sample organisation: about 200 users, every ninth inactive,
 * and 130 per-user license records that fit the shipped sample export's
 * seat counts. Some holders are inactive, so the seat table shows
 * reclaimable seats, and a few hold CTI without Freedom (a legacy CTI
 * organisation).
 */
import type { LocalOrg } from '../org/org';
import { sampleUsers } from '../org/seed';

/** Users in the demo organisation besides the admin. */
export const DEMO_USERS = 200;

/** Returns the checkbox fields of holder number `index` (0-based). */
export function demoLicenseFields(index: number): Record<string, boolean> {
    if (index < 112) {
        return {
            Freedom__c: true,
            CTI__c: true,
            Voice__c: true,
            Record__c: index % 2 === 0,
            Insights__c: index % 4 === 1,
            AI_Prompt_Studio__c: index % 8 === 1,
            SMS__c: index % 5 === 3,
            WhatsApp__c: index % 10 === 3,
            PCI__c: index % 12 === 7
        };
    }
    if (index < 122) {
        return { Service_Cloud_Voice__c: true, Voice__c: true };
    }
    return { CTI__c: true };
}

/** Seeds the demo organisation into an empty local org; returns the counts for the banner. */
export function seedDemoOrganisation(org: LocalOrg): {
    users: number;
    inactive: number;
    holders: number;
} {
    const users = sampleUsers(org.base, DEMO_USERS, 9);
    const userIds = org.seed.insert('User', users);
    const holderIds = userIds.slice(0, 130);
    org.seed.insert(
        'Natterbox_User_License__c',
        holderIds.map((userId, index) => ({
            User__c: userId,
            User_Id__c: userId,
            ...demoLicenseFields(index)
        }))
    );
    return {
        users: userIds.length,
        inactive: users.filter((user) => user.IsActive === false).length,
        holders: holderIds.length
    };
}
