import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

// Presence rows of closed pages disappear within a minute.
crons.interval("expire presence", { seconds: 30 }, internal.floor.expirePresence, {});

export default crons;
