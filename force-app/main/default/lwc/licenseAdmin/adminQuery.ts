/**
 * The one GraphQL request of the admin page: every subscription, the latest
 * sync run, and the seat counts of every license as aggregates. The shapes
 * follow the GraphQL API Developer Guide pages "Query Record Objects" and
 * "Aggregate Examples".
 */
import { gql } from 'lightning/graphql';

// Custom fields are aliased to their own API names, which pins their keys in
// the result even if an admin later renames a field.
//
// Seat aggregates are aliased `<LICENSE_CODE>_assigned` (every holder, active
// or not) and `<LICENSE_CODE>_inactive` (holders whose user is inactive, so
// their seats can be reclaimed). CTI held together with Freedom uses no CTI
// seat, so the CTI counts exclude Freedom holders. A count without groupBy
// returns one edge.
//
// The subscription query sets `first` because the GraphQL API returns 10
// records a page by default.
export const ADMIN_QUERY = gql`
    query licenseAdmin {
        uiapi {
            query {
                Natterbox_Subscription__c(first: 200, orderBy: { Name: { order: ASC } }) {
                    edges {
                        node {
                            Id
                            Name {
                                value
                            }
                            License_Code__c: License_Code__c {
                                value
                            }
                            Purchased_Seats__c: Purchased_Seats__c {
                                value
                            }
                            Provisioned__c: Provisioned__c {
                                value
                            }
                            Assignable__c: Assignable__c {
                                value
                            }
                            Source_Name__c: Source_Name__c {
                                value
                            }
                        }
                    }
                }
                Natterbox_Sync_Run__c(first: 1, orderBy: { CreatedDate: { order: DESC } }) {
                    edges {
                        node {
                            Id
                            Name {
                                value
                            }
                            CreatedDate {
                                value
                            }
                            Status__c: Status__c {
                                value
                            }
                            Started_At__c: Started_At__c {
                                value
                            }
                            Finished_At__c: Finished_At__c {
                                value
                            }
                            Created_Count__c: Created_Count__c {
                                value
                            }
                            Updated_Count__c: Updated_Count__c {
                                value
                            }
                            Unchanged_Count__c: Unchanged_Count__c {
                                value
                            }
                            Source__c: Source__c {
                                value
                            }
                            Message__c: Message__c {
                                value
                            }
                        }
                    }
                }
            }
            aggregate {
                CTI_assigned: Natterbox_User_License__c(
                    where: { and: [{ CTI__c: { eq: true } }, { Freedom__c: { eq: false } }] }
                ) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                CTI_inactive: Natterbox_User_License__c(
                    where: {
                        and: [
                            { CTI__c: { eq: true } }
                            { Freedom__c: { eq: false } }
                            { User__r: { IsActive: { eq: false } } }
                        ]
                    }
                ) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                FREEDOM_assigned: Natterbox_User_License__c(where: { Freedom__c: { eq: true } }) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                FREEDOM_inactive: Natterbox_User_License__c(
                    where: {
                        and: [
                            { Freedom__c: { eq: true } }
                            { User__r: { IsActive: { eq: false } } }
                        ]
                    }
                ) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                SCV_assigned: Natterbox_User_License__c(
                    where: { Service_Cloud_Voice__c: { eq: true } }
                ) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                SCV_inactive: Natterbox_User_License__c(
                    where: {
                        and: [
                            { Service_Cloud_Voice__c: { eq: true } }
                            { User__r: { IsActive: { eq: false } } }
                        ]
                    }
                ) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                VOICE_assigned: Natterbox_User_License__c(where: { Voice__c: { eq: true } }) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                VOICE_inactive: Natterbox_User_License__c(
                    where: {
                        and: [{ Voice__c: { eq: true } }, { User__r: { IsActive: { eq: false } } }]
                    }
                ) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                RECORD_assigned: Natterbox_User_License__c(where: { Record__c: { eq: true } }) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                RECORD_inactive: Natterbox_User_License__c(
                    where: {
                        and: [{ Record__c: { eq: true } }, { User__r: { IsActive: { eq: false } } }]
                    }
                ) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                PCI_assigned: Natterbox_User_License__c(where: { PCI__c: { eq: true } }) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                PCI_inactive: Natterbox_User_License__c(
                    where: {
                        and: [{ PCI__c: { eq: true } }, { User__r: { IsActive: { eq: false } } }]
                    }
                ) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                INSIGHTS_assigned: Natterbox_User_License__c(where: { Insights__c: { eq: true } }) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                INSIGHTS_inactive: Natterbox_User_License__c(
                    where: {
                        and: [
                            { Insights__c: { eq: true } }
                            { User__r: { IsActive: { eq: false } } }
                        ]
                    }
                ) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                AI_PROMPT_STUDIO_assigned: Natterbox_User_License__c(
                    where: { AI_Prompt_Studio__c: { eq: true } }
                ) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                AI_PROMPT_STUDIO_inactive: Natterbox_User_License__c(
                    where: {
                        and: [
                            { AI_Prompt_Studio__c: { eq: true } }
                            { User__r: { IsActive: { eq: false } } }
                        ]
                    }
                ) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                SMS_assigned: Natterbox_User_License__c(where: { SMS__c: { eq: true } }) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                SMS_inactive: Natterbox_User_License__c(
                    where: {
                        and: [{ SMS__c: { eq: true } }, { User__r: { IsActive: { eq: false } } }]
                    }
                ) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                WHATSAPP_assigned: Natterbox_User_License__c(where: { WhatsApp__c: { eq: true } }) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                WHATSAPP_inactive: Natterbox_User_License__c(
                    where: {
                        and: [
                            { WhatsApp__c: { eq: true } }
                            { User__r: { IsActive: { eq: false } } }
                        ]
                    }
                ) {
                    edges {
                        node {
                            aggregate {
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
`;
