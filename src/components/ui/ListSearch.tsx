import { useState } from "react";

/** A list's search box: words sent on Enter or "Search" (the list keeps them in its URL). */
export function ListSearch({
  id,
  label,
  placeholder,
  value,
  onSearch,
}: {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onSearch: (q: string | undefined) => void;
}) {
  const [text, setText] = useState(value);
  const [last, setLast] = useState(value);
  if (last !== value) {
    // The URL changed (Back, a saved view): show its words.
    setLast(value);
    setText(value);
  }
  return (
    <form
      className="filters"
      role="search"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(text.trim() || undefined);
      }}
    >
      <div className="field">
        <label htmlFor={id}>Search</label>
        <input id={id} type="search" value={text} placeholder={placeholder} onChange={(e) => setText(e.target.value)} />
      </div>
      <button type="submit" className="btn btn-secondary btn-md filters-submit">
        Search
      </button>
    </form>
  );
}
