/**
 * The one presence hook: says "I am here" through a heartbeat mutation now and every `everyMs`
 * while `enabled`, again at once when what it says changes (the args), and calls the leave
 * mutation when the page closes, presence is disabled, or the leave args change (another place).
 * Failures are ignored: a missed heartbeat only makes the person look gone a little early.
 */
import { useEffect } from "react";
import { useMutation } from "convex/react";
import type { FunctionArgs, FunctionReference } from "convex/server";

type Mutation = FunctionReference<"mutation">;

export function usePresence<B extends Mutation, L extends Mutation>(p: {
  heartbeat: B;
  heartbeatArgs: FunctionArgs<B>;
  leave: L;
  leaveArgs: FunctionArgs<L>;
  everyMs: number;
  enabled: boolean;
}) {
  const beat = useMutation(p.heartbeat);
  const leave = useMutation(p.leave);
  const { enabled, everyMs } = p;
  // The args by value: a new object with the same content is the same presence.
  const beatKey = JSON.stringify(p.heartbeatArgs);
  const leaveKey = JSON.stringify(p.leaveArgs);
  useEffect(() => {
    if (!enabled) return;
    const args = JSON.parse(beatKey) as FunctionArgs<B>;
    const send = () => void beat(args).catch(() => {});
    send();
    const timer = setInterval(send, everyMs);
    return () => clearInterval(timer);
  }, [enabled, everyMs, beat, beatKey]);
  useEffect(() => {
    if (!enabled) return;
    const args = JSON.parse(leaveKey) as FunctionArgs<L>;
    return () => void leave(args).catch(() => {});
  }, [enabled, leave, leaveKey]);
}
