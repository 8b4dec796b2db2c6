import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

// No idle cost: queued work (customer notifications, channel acknowledgements and tracking
// push-backs, label purchases) is scheduled by the mutation that queues it (model/scheduling/wake).
// The crons below are slow: cheap mutations that start a worker only when something is due, so an
// idle deployment makes 11 calls an hour and starts no Node action (bench/deploy.ts measures it).

// Channel pulls due (each channel's interval or backoff) and outbox sends/retries due.
crons.interval("channels", { minutes: 10 }, internal.scheduling.channelTick, {});

// Stuck work: orders not moving, acknowledgements near their deadline (issue 10).
crons.interval("flag stuck work", { minutes: 15 }, internal.exceptions.scanStuck, {});

// Presence cleanup (readers already ignore rows older than the TTL), notifications whose wake-up
// was lost, and the carrier-scan poll of labels waiting for a first scan (Node, only if any).
crons.interval("hourly safety net", { hours: 1 }, internal.scheduling.hourlyTick, {});

export default crons;
