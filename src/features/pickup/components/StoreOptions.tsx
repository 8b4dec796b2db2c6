/** The stores as the options of a select, each by name and code. */
export function StoreOptions({ stores }: { stores: { _id: string; name: string; code: string }[] }) {
  return stores.map((s) => (
    <option key={s._id} value={s._id}>
      {s.name} ({s.code})
    </option>
  ));
}
