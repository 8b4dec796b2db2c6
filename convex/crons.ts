import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

// Presence rows of closed pages disappear within a minute.
crons.interval("expire presence", { seconds: 30 }, internal.floor.expirePresence, {});

// Channel pulls: every minute, start the channels whose next pull is due (interval or backoff).
crons.interval("dispatch channel pulls", { minutes: 1 }, internal.channelSync.dispatchPulls, {});
// Acknowledgements and tracking push-backs waiting for their (next) attempt.
crons.interval("drain channel outbox", { minutes: 1 }, internal.integrations.channels.worker.drainOutbox, {});

// Stuck work: orders not moving, acknowledgements near their deadline (issue 10).
crons.interval("flag stuck work", { minutes: 15 }, internal.exceptions.scanStuck, {});

// Customer notifications: send what is due (or mark it offline when no provider is configured).
crons.interval("send notifications", { minutes: 1 }, internal.integrations.notify.worker.drain, {});

// Carrier scans of purchased labels (feeds the "no carrier scan after label" stuck flag).
crons.interval("poll carrier tracking", { minutes: 30 }, internal.shippingActions.pollTracking, {});

export default crons;
