/**
 * The one GraphQL request of the admin page: every subscription, the latest
 * sync run, and the seat holders of every license as grouped aggregates.
 * The shapes follow the GraphQL API Developer Guide pages "Query Record
 * Objects", "Aggregate Examples" and "Group Aggregate Results".
 */
import { gql } from 'lightning/graphql';

// Custom fields are aliased to their own API names, which pins their keys in
// the result even if an admin later renames a field.
//
// Seat counts come from two counts grouped by the ten license checkboxes:
// `holders` over every per-user license record, active user or not, and
// `inactiveHolders` over the records whose user is inactive, whose seats can
// be reclaimed. readSeatCounts in c/licenseGraphql turns the groups into
// seat counts with the rules module's seat policy, so no seat rule is
// written here. Ten checkboxes form at most 2^10 = 1,024 groups. Aggregate
// results are paged like records, 10 a page unless `first` is set and 2,000
// at most (GraphQL API Developer Guide, "Paginate Your Results"), so
// `first: 1024` returns every group in this one request.
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
                holders: Natterbox_User_License__c(
                    groupBy: {
                        CTI__c: { group: true }
                        Freedom__c: { group: true }
                        Service_Cloud_Voice__c: { group: true }
                        Voice__c: { group: true }
                        Record__c: { group: true }
                        PCI__c: { group: true }
                        Insights__c: { group: true }
                        AI_Prompt_Studio__c: { group: true }
                        SMS__c: { group: true }
                        WhatsApp__c: { group: true }
                    }
                    first: 1024
                ) {
                    edges {
                        node {
                            aggregate {
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
                                Id {
                                    count {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
                inactiveHolders: Natterbox_User_License__c(
                    where: { User__r: { IsActive: { eq: false } } }
                    groupBy: {
                        CTI__c: { group: true }
                        Freedom__c: { group: true }
                        Service_Cloud_Voice__c: { group: true }
                        Voice__c: { group: true }
                        Record__c: { group: true }
                        PCI__c: { group: true }
                        Insights__c: { group: true }
                        AI_Prompt_Studio__c: { group: true }
                        SMS__c: { group: true }
                        WhatsApp__c: { group: true }
                    }
                    first: 1024
                ) {
                    edges {
                        node {
                            aggregate {
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
