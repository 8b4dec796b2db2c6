/** Milestones of a package's journey, in the order they normally happen (portal timeline, carrier board). */
export const MILESTONE_KINDS = ["first_scan", "in_transit", "out_for_delivery", "delivered", "exception"] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];
