/**
 * The one GraphQL request the license panel sends on load: the user, their
 * per-user license record, every subscription and the seat counts of every
 * license as aggregates. The shapes follow the GraphQL API Developer Guide
 * pages "Query Record Objects" and "Aggregate Examples".
 */
import { gql } from 'lightning/graphql';

// Custom fields are aliased to their own API names, which pins their keys in
// the result even if an admin later renames a field.
//
// Seat aggregates are aliased `<LICENSE_CODE>_assigned` (every holder, active
// or not) and `<LICENSE_CODE>_inactive` (holders whose user is inactive).
// CTI held together with Freedom uses no CTI seat, so the CTI counts exclude
// Freedom holders. A count without groupBy returns one edge.
//
// The record queries set `first` because the GraphQL API returns 10 records
// a page by default.
export const PANEL_QUERY = gql`
    query userLicensePanel($userId: ID, $userExternalId: String) {
        uiapi {
            query {
                User(where: { Id: { eq: $userId } }, first: 1) {
                    edges {
                        node {
                            Id
                            Name {
                                value
                            }
                            IsActive {
                                value
                            }
                        }
                    }
                }
                Natterbox_User_License__c(
                    where: { User_Id__c: { eq: $userExternalId } }
                    first: 1
                ) {
                    edges {
                        node {
                            Id
                            CTI__c: CTI__c {
                                value
                            }
                            Freedom__c: Freedom__c {
                                value
                            }
                            Service_Cloud_Voice__c: Service_Cloud_Voice__c {
                                value
                            }
                            Voice__c: Voice__c {
                                value
                            }
                            Record__c: Record__c {
                                value
                            }
                            PCI__c: PCI__c {
                                value
                            }
                            Insights__c: Insights__c {
                                value
                            }
                            AI_Prompt_Studio__c: AI_Prompt_Studio__c {
                                value
                            }
                            SMS__c: SMS__c {
                                value
                            }
                            WhatsApp__c: WhatsApp__c {
                                value
                            }
                        }
                    }
                }
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
                            Legacy_CTI_Allowed__c: Legacy_CTI_Allowed__c {
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
