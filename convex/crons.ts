import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

// No idle cost: queued work (customer notifications, channel acknowledgements and tracking
// push-backs, label purchases) is scheduled by the mutation that queues it (model/scheduling/wake).
// The crons below are slow: cheap mutations that start a worker only when something is due, so an
// idle deployment makes 12 calls an hour and starts no Node action (bench/deploy.ts measures it).

// Channel pulls due (each channel's interval or backoff; webhooks import at once), outbox and
// notification sends/retries due, carrier-scan polls due, presence cleanup: at most 15 min late.
crons.interval("safety net", { minutes: 15 }, internal.scheduling.safetyNet, {});

// Stuck work: orders not moving, acknowledgements near their deadline (issue 10). Thresholds are
// in hours; the scan is one call per phase (8 on an idle deployment).
crons.interval("flag stuck work", { hours: 1 }, internal.holds.scanStuck, {});

export default crons;
