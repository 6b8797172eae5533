/**
 * The SOQL the sync job sends. Each read is one API call, so the number of
 * queries here sets the job's API budget (see docs/sync.md).
 */
import { LICENSES } from 'c/licenseRules';

/** Object and field API names, fixed in docs/architecture.md. */
export const SUBSCRIPTION_OBJECT = 'Natterbox_Subscription__c';
export const USER_LICENSE_OBJECT = 'Natterbox_User_License__c';
export const SYNC_RUN_OBJECT = 'Natterbox_Sync_Run__c';
export const SETTINGS_OBJECT = 'Natterbox_Licensing_Settings__c';
export const SUBSCRIPTION_EXTERNAL_ID = 'License_Code__c';

const licenseFields = LICENSES.map((license) => license.fieldApiName);

/** Reads every subscription record, with the legacy CTI formula field. */
export const SUBSCRIPTIONS_QUERY =
    'SELECT Id, License_Code__c, Name, Purchased_Seats__c, Provisioned__c, Assignable__c, ' +
    `Source_Name__c, Legacy_CTI_Allowed__c FROM ${SUBSCRIPTION_OBJECT}`;

/**
 * Counts per-user license records by user activity and license combination
 * in one aggregate query, so the cost stays one call whatever the number of
 * holders. Records holding no license are left out. With 10 licenses and the
 * activity flag there are at most 2,048 groups; an organisation uses a few
 * dozen. Follows "GROUP BY" and "COUNT() and COUNT(fieldName)" (SOQL and SOSL
 * Reference); a parent field in GROUP BY returns under its own name (`IsActive`).
 */
export const HOLDER_COUNTS_QUERY =
    `SELECT User__r.IsActive, ${licenseFields.join(', ')}, COUNT(Id) holders ` +
    `FROM ${USER_LICENSE_OBJECT} WHERE ${licenseFields.map((field) => `${field} = true`).join(' OR ')} ` +
    `GROUP BY User__r.IsActive, ${licenseFields.join(', ')}`;

/**
 * Reads sync runs marked Running, most recently started first. A request
 * is claimed long after it is created, so ordering by CreatedDate could let
 * 20 abandoned runs hide the one that is running now.
 */
export const RUNNING_RUNS_QUERY =
    `SELECT Id, Name, Started_At__c, CreatedDate FROM ${SYNC_RUN_OBJECT} ` +
    "WHERE Status__c = 'Running' ORDER BY Started_At__c DESC NULLS LAST, CreatedDate DESC LIMIT 20";

/** Reads Reload Subscriptions requests waiting to be served, oldest first. */
export const REQUESTED_RUNS_QUERY =
    `SELECT Id, Name, Dry_Run__c, CreatedDate FROM ${SYNC_RUN_OBJECT} ` +
    "WHERE Status__c = 'Requested' ORDER BY CreatedDate ASC LIMIT 20";

/** Reads the per-user license records of inactive users that hold a license. */
export const INACTIVE_HOLDERS_QUERY =
    `SELECT Id, User__c, User_Id__c, User__r.Username, ${licenseFields.join(', ')} FROM ${USER_LICENSE_OBJECT} ` +
    `WHERE User__r.IsActive = false AND (${licenseFields.map((field) => `${field} = true`).join(' OR ')})`;
