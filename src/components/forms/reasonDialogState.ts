/**
 * What a `ReasonDialog` shows of the mutation it confirms: busy while it runs, its refusal's
 * sentence, and the server's complaint about the reason (the mutation's argument `field`).
 * `<ReasonDialog … {...reasonDialogState(cancel, "reason")} />`.
 */
export function reasonDialogState(
  mutation: { pending: boolean; error: string | undefined; fields: Record<string, string> },
  field: string,
) {
  return { pending: mutation.pending, error: mutation.error, serverFieldError: mutation.fields[field] };
}
