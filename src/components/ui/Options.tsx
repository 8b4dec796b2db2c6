/** One `<option>` per value of a list, each shown by its label (the value itself when there is no label). */
export function Options<T extends string>({
  values,
  labels,
}: {
  values: readonly T[];
  labels?: { readonly [K in T]?: string };
}) {
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {labels?.[v] ?? v}
        </option>
      ))}
    </>
  );
}
