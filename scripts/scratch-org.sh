#!/usr/bin/env bash
# Creates a scratch org with the Natterbox licensing package deployed and
# ready to try: permission sets assigned to the admin user, the licensing
# setting's org default created, sample subscriptions loaded and the admin
# given Freedom.
#
# Usage: scripts/scratch-org.sh DEV_HUB [ALIAS] [DAYS]
#   DEV_HUB  username or alias of an authorised Dev Hub (sf org login web --set-default-dev-hub)
#   ALIAS    alias of the new scratch org (default natterbox-licensing)
#   DAYS     days before the scratch org expires, 1 to 30 (default 7)
#
# Environment: LEGACY_CTI_ALLOWED=true creates the org default of the
# setting with Legacy_CTI_Allowed__c checked (default false).
#
# The sf commands below are each written on one line (or continued with a
# backslash): test/metadata/scratchOrgScript.test.ts reads them from this
# file and checks every command and flag against the installed sf CLI.
set -euo pipefail

if [ "$#" -lt 1 ] || [ "$#" -gt 3 ]; then
  echo "Usage: scripts/scratch-org.sh DEV_HUB [ALIAS] [DAYS]" >&2
  exit 2
fi

dev_hub=$1
alias=${2:-natterbox-licensing}
days=${3:-7}
legacy_cti_allowed=${LEGACY_CTI_ALLOWED:-false}

if ! [[ "$days" =~ ^[0-9]+$ ]] || [ "$days" -lt 1 ] || [ "$days" -gt 30 ]; then
  echo "scratch-org.sh: DAYS must be a whole number from 1 to 30, got '$days'" >&2
  exit 2
fi

case "$legacy_cti_allowed" in
  true | false) ;;
  *)
    echo "scratch-org.sh: LEGACY_CTI_ALLOWED must be true or false, got '$legacy_cti_allowed'" >&2
    exit 2
    ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export PATH="$root/node_modules/.bin:$PATH"
export SF_DISABLE_TELEMETRY=true
# Keep the pinned CLI: without this, its update hook spawns a self-update.
export SF_DISABLE_AUTOUPDATE=true

# Reads one property path (for example result.id) from JSON on stdin.
json_value() {
  node -e '
    let input = "";
    process.stdin.on("data", (chunk) => (input += chunk));
    process.stdin.on("end", () => {
      const value = process.argv[1].split(".").reduce((node, key) => node?.[key], JSON.parse(input));
      if (value === undefined || value === null) {
        console.error(`scratch-org.sh: ${process.argv[1]} is missing from the sf output`);
        process.exit(1);
      }
      console.log(value);
    });
  ' "$1"
}

echo "== Creating scratch org $alias from Dev Hub $dev_hub ($days days)"
sf org create scratch --target-dev-hub "$dev_hub" --definition-file config/project-scratch-def.json \
  --alias "$alias" --duration-days "$days" --wait 15

echo "== Building and deploying build/deploy"
npm run -s build:lwc
sf project deploy start --metadata-dir build/deploy --target-org "$alias" --wait 30

echo "== Assigning permission sets to the admin user"
# The admin manages licenses in the app and runs the sync job against this
# org with its own login, so it gets both permission sets.
sf org assign permset --name Natterbox_License_Manager --name Natterbox_Sync_Integration --target-org "$alias"

org_id=$(sf org display --target-org "$alias" --json | json_value result.id)
user_id=$(sf org display user --target-org "$alias" --json | json_value result.id)

echo "== Creating the org default of Natterbox Licensing Settings (Legacy_CTI_Allowed__c=$legacy_cti_allowed)"
# The org default of a hierarchy custom setting is the record whose
# SetupOwnerId is the organization ID.
sf data create record --sobject Natterbox_Licensing_Settings__c --target-org "$alias" \
  --values "SetupOwnerId=$org_id Legacy_CTI_Allowed__c=$legacy_cti_allowed"

echo "== Loading sample subscriptions"
sf data import tree --plan data/sample-plan.json --target-org "$alias"

echo "== Giving the admin user Freedom, CTI and Voice"
sf data create record --sobject Natterbox_User_License__c --target-org "$alias" \
  --values "User__c=$user_id User_Id__c=$user_id Freedom__c=true CTI__c=true Voice__c=true"

echo "== Done. Admin page:"
sf org open --target-org "$alias" --path lightning/n/Natterbox_Licensing_Admin --url-only
